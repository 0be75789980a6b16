"""Questionnaire versions as data files (one JSON file per version, zh-CN and en texts),
loaded and validated by ``questionnaire.registry``. Never edit a version that has been
offered: add a new file and mark the old one ``"offered": false``."""
