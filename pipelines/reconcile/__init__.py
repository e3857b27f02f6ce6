"""Evidence across readings of one report: its copies (a page, its attachment, a crawler's text)
reconciled cell by cell, and the agency's previous year where the template links the years.

Pure: Reports in, a reconciled Report and the evidence of each cell out (`settle.reconcile`);
the warehouse decides which of its versions are copies and stores the result.
"""

from pipelines.reconcile.settle import (
    DOUBT_CODES,
    EVIDENCE_KINDS,
    RECONCILE_VERSION,
    RECONCILED_LAYOUT,
    CellEvidence,
    Reconciled,
    Source,
    are_copies,
    cells,
    doubts,
    reconcile,
    same,
)

__all__ = ["DOUBT_CODES", "EVIDENCE_KINDS", "RECONCILED_LAYOUT", "RECONCILE_VERSION", "CellEvidence", "Reconciled",
           "Source", "are_copies", "cells", "doubts", "reconcile", "same"]
