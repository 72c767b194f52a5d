"""Publishing on a static web server: the Content-Security-Policy the build writes, and the README's nginx example
run by a real nginx (when installed) serving a built site."""
from __future__ import annotations

import gzip
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from brugwijzer.publish import NGINX_FILE, POLICY_FILE, content_security_policy, inline_hashes
from tests.conftest import PUBLIC_ADDRESS, REPO

EXAMPLE = REPO / "deploy" / "nginx-brugwijzer.conf"


def test_the_build_writes_the_policy_with_a_hash_for_every_inline_script(built_with_address):
    policy = (built_with_address / "build" / "server" / POLICY_FILE).read_text(encoding="utf-8").strip()
    assert policy == content_security_policy(built_with_address / "site")
    scripts, styles = inline_hashes(built_with_address / "site")
    assert scripts and all(h in policy for h in scripts)
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy and "default-src 'none'" in policy
    include = (built_with_address / "build" / "server" / NGINX_FILE).read_text(encoding="utf-8")
    assert f'add_header Content-Security-Policy "{policy}" always;' in include


def test_a_new_inline_script_changes_the_policy(tmp_path):
    (tmp_path / "a.html").write_text("<script>var a = 1;</script><p style='color: red'>x</p>", encoding="utf-8")
    first = content_security_policy(tmp_path)
    (tmp_path / "b.html").write_text('<script>var b = 2;</script><script type="application/json">{}</script>',
                                     encoding="utf-8")
    second = content_security_policy(tmp_path)
    assert first != second
    assert len(inline_hashes(tmp_path)[0]) == 2 and len(inline_hashes(tmp_path)[1]) == 1


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def nginx(built_with_address, tmp_path):
    """The README's example server block, run by nginx on a free local port with the built site in its root."""
    if not shutil.which("nginx") or not Path("/etc/nginx/mime.types").is_file():
        pytest.skip("nginx is not installed (Debian: apt-get install nginx-light)")
    port = _free_port()
    root = tmp_path / "www"
    shutil.copytree(built_with_address / "site", root / "brugwijzer")
    snippet = built_with_address / "build" / "server" / NGINX_FILE
    server = EXAMPLE.read_text(encoding="utf-8")
    for old, new in (("listen 80;", f"listen 127.0.0.1:{port};"), ("root /var/www;", f"root {root};"),
                     ("/etc/nginx/snippets/brugwijzer-csp.conf", str(snippet))):
        assert old in server
        server = server.replace(old, new)
    (tmp_path / "site.conf").write_text(server, encoding="utf-8")
    shutil.copy("/etc/nginx/mime.types", tmp_path / "mime.types")
    (tmp_path / "nginx.conf").write_text(
        # one process as the current user: a root master would hand the files to 'nobody', who cannot read tmp
        f"master_process off;\npid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n access_log off;\n client_body_temp_path {tmp_path}/tmp;\n proxy_temp_path {tmp_path}/tmp;\n"
        f" fastcgi_temp_path {tmp_path}/tmp;\n uwsgi_temp_path {tmp_path}/tmp;\n scgi_temp_path {tmp_path}/tmp;\n"
        f" include {tmp_path}/site.conf;\n}}\n", encoding="utf-8")
    command = ["nginx", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")]
    check = subprocess.run([*command, "-t"], capture_output=True, text=True, timeout=30)
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen([*command, "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/brugwijzer/"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base, timeout=2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield base, content_security_policy(root / "brugwijzer")
    finally:
        process.terminate()
        process.wait(timeout=10)


def fetch(url: str, gzip_ok: bool = False):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_the_nginx_example_serves_the_site_with_policy_compression_and_caching(nginx):
    base, policy = nginx
    status, headers, body = fetch(base + "casussen/casus-weerstand.html", gzip_ok=True)
    assert status == 200
    assert headers["Content-Security-Policy"] == policy
    assert headers["Content-Encoding"] == "gzip" and b"Citeer deze pagina" in gzip.decompress(body)
    assert headers["Cache-Control"] == "no-cache" and headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Type"].startswith("text/html")
    index = fetch(base)
    assert index[0] == 200 and index[1]["Content-Security-Policy"] == policy
    bundle = next(Path(p).name for p in (nginx_root(base, "assets/javascripts/")))
    status, headers, _ = fetch(base + "assets/javascripts/" + bundle)
    assert status == 200 and "immutable" in headers["Cache-Control"]
    assert headers["Content-Security-Policy"] == policy
    status, headers, _ = fetch(base + "assets/brugwijzer.js")
    assert status == 200 and headers["Cache-Control"] == "public, max-age=86400"
    status, headers, _ = fetch(base + "data/case.csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    status, headers, _ = fetch(base + "casussen/casus-weerstand.ris")
    assert headers["Content-Type"].startswith("application/x-research-info-systems")
    status, headers, _ = fetch(base + "data/brugwijzer.xlsx")
    assert headers["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    status, headers, body = fetch(base + "bestaat-niet.html")
    assert status == 404 and b"Pagina niet gevonden" in body
    assert PUBLIC_ADDRESS.endswith("/brugwijzer/")  # the example serves the site under the same folder


def nginx_root(base: str, folder: str) -> list[str]:
    """The theme's hashed bundle names, read from the home page (which links them)."""
    import re

    _, _, body = fetch(base)
    return re.findall(rf'{folder}(bundle\.[0-9a-f]{{8}}\.min\.js)', body.decode("utf-8"))
