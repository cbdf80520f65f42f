"""Quarterly reports and their workflow (issue: district staff report quarterly results)."""
