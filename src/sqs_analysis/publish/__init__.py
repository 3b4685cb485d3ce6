"""Publishing: notebooks executed on reused kernels, exported to self-contained HTML, printed to PDF.

pages decides what is stale; kernels and render execute and export; printing drives Chromium.
"""
