"""The auditor dossier of one region and TA: what goes in (`contents`), how it is requested and
built (`services`, run by `portal.tasks.build_dossier_task`) and its pages (`views`)."""
