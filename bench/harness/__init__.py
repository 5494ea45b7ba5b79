"""What the benchmarks share: the load generator (``load``) and the production server launch
(``server``). A folder, so ``make bench`` (every ``bench/*.py``) does not run it as a bench."""
