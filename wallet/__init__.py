"""Wallet domain (being built)."""
