"""Printable forms and reports (ReportLab)."""
