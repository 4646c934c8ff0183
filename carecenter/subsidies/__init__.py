"""Subsidies: the policy as versioned data, month-by-month eligibility, meal subsidies and approved rosters."""
