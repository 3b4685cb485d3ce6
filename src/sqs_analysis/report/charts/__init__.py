"""Charts of the SQS tables, one module per family, on the shared :mod:`.base`.

``rates`` (a rate beside its cohort average; gaps across inspections), ``samples`` (cases
examined), ``findings`` and ``findings_overview`` (counted findings by theme) and ``themes``
(the theme grid of strengths and improvements), ``corpus`` and ``funnels`` (the corpus); all
drawn on ``layout`` (fixed margins, measured once) and, for many inspections, ``distribution``
(a histogram with each end named).
"""
