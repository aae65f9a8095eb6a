"""Staff back office for campaigns and projects (not the Django admin), one module per group of
pages; what they show is worded in kaimen.campaigns.presentation.

Views parse with a form, call one service or selector, and render; every write goes through
`kaimen.campaigns.services`. Edit forms carry the version they were read at: a stale save is
shown as a conflict with the user's input kept on the page.
"""
