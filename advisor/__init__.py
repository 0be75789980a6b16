"""Advisor domain (being built)."""
