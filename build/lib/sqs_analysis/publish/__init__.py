"""Publishing: notebooks run on reused kernels, exported to self-contained HTML, printed to PDF.

pages decides what is stale; kernels runs render (execute, then html) on reused kernels, index
writes the landing page, commands is ``sqs-analysis render``; printing drives Chromium.
"""
