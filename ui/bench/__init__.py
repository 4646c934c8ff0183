"""``make bench``: the district benchmark, desktop side (the core's figures are in :mod:`carecenter.bench`).

``python -m ui.bench`` builds or reuses the district database, copies it to a working
folder, then measures: start to an interactive log-in window and log-in to an interactive
main window (:mod:`ui.bench.startup`, in fresh processes, against :mod:`ui.bench.bare_stack`),
the desk's operations and peak memory (:mod:`ui.bench.desk_flows`), and the core's figures.
It prints the table and writes ``bench.json``.
"""
