"""Charts of the SQS tables, one module per family, on the shared :mod:`.base`.

``rates`` (a rate beside its cohort average; gaps across inspections), ``samples`` (cases
examined), ``findings`` and ``findings_overview`` (counted findings by theme) and ``themes``
(the theme grid of strengths and improvements).
"""
