"""Brugwijzer's development tools, imported by the tests and scripts/ (never by the brugwijzer package itself):

- `synthetic`: synthetic knowledge bases of any size, for the benchmark and scale tests;
- `browser`: headless Chromium and a static server for the browser tests and the measuring scripts;
- `search_metrics`: MRR@10 and recall@5 of the CLI search on a query set.
"""
