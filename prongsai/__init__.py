"""Prongsai (โปร่งใส): the website and disclosure work of a Thai public agency."""

__version__ = "0.1.0"
