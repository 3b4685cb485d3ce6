"""What the pages say: selection and scores, formatting, sentences and charts, from the tables.

Everything a notebook shows is made here, so every sentence and chart is unit-tested.
"""
