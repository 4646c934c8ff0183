"""The district benchmark's Qt-free parts: the synthetic district database and the core's figures.

``make bench`` (``python -m ui.bench``) builds or reuses a district database
(:mod:`carecenter.bench.district`), times the app's own calls against the bare stack doing
the same work (:mod:`carecenter.bench.core_figures`, and the desktop's in :mod:`ui.bench`),
and prints and saves the table (:mod:`carecenter.bench.figures`).
"""
