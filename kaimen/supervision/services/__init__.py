"""Every write of supervision: permission, validation, one transaction, one Event; one module
per subject (problems, filing, numbering, accountability, look-backs, policy, institutions,
escalation), each imported by name."""
