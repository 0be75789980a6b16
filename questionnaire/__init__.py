"""Questionnaire domain (being built)."""
