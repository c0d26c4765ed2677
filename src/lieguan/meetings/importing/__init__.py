"""Importing legacy minutes files: reading, matching names, previewing, applying (exporting is ``meetings.exporting``).

- ``reading``: a file's bytes → a ``Minutes`` document, or why not (with the line);
- ``names``: the names in the minutes matched to the directory, proposals for the rest;
- ``plan``: the series, the duplicates and the counts — what importing would do;
- ``apply``: the confirmed plan written to the database (called by ``meetings.actions.importing``).
"""
