"""Assertions about the repository's own content (counts, sources, search quality on it): an editor's change fails
here, not in the code tests beside this folder."""
