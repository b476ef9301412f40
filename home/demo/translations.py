TRANSLATIONS = {"uk": {}, "ru": {}, "en": {}}
