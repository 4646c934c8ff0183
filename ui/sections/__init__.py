"""The parts of a senior's detail view; each area (assessments, plans, incidents, later meals …) brings its own."""
