"""Cells of every CSV and XLSX file we produce: text a person typed never becomes a formula.

Spreadsheet programs run a cell that begins with =, +, - or @ (and, in some, a tab or carriage
return before them) as a formula, so a request title "=HYPERLINK(...)" would become a live link
in the agency's report. Such text gets a leading apostrophe, the form Excel and LibreOffice
show as plain text; numbers, dates and other values pass unchanged.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value to write into a CSV or XLSX cell (text that would start a formula quoted)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values):
    return [safe_cell(value) for value in values]
