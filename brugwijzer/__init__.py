"""Brugwijzer: a knowledge base about the bridge between forensic and regular care."""

__version__ = "0.1.0"
