"""Experiments over scenarios (docs/experiments.md): replications on any executor, CRN comparisons of SOP
variants, parameter sweeps and precision-driven replication counts.

Modules: :mod:`~simgroup.experiment.replications` (tasks, plans, cancellation),
:mod:`~simgroup.experiment.executors` (process pool, Dask), :mod:`~simgroup.experiment.compare`,
:mod:`~simgroup.experiment.sweep`, :mod:`~simgroup.experiment.precision`,
:mod:`~simgroup.experiment.progress`, :mod:`~simgroup.experiment.worlds` (parameter worlds drawn
from the presets' plausible ranges) and :mod:`~simgroup.experiment.sensitivity` (Morris and
Sobol' indices over worlds, docs/uncertainty.md). Core code: never imports a UI library, and Dask only when
asked for. Importing this package is cheap (submodules are imported on use).
"""
