"""Services: the machine and the outside world (folders, safe file writing, drafts on disk, SMTP, the spelling engine, fonts download)."""
