"""
Demo calendar: the centres' real offers from ../shared/seeds/, with dates placed
around the day the demo is built (some past, most upcoming), so the calendar
always has something on. Library street addresses are not in the seeds and are
left blank; winter half-day camps and the dates of each offer are illustrative.
"""

import datetime

CALENDAR_PAGE = {
    "slug": "kalendarz",
    "title": "Kalendarz",
    "intro": "Wydarzenia, warsztaty i kursy w naszych Centrach. Wszystko bezpłatnie.",
}

CATEGORIES = [
    ("piknik", "Piknik rodzinny"),
    ("kino", "Kino"),
    ("swieto", "Święto"),
    ("warsztaty-w-bibliotece", "Warsztaty w bibliotece"),
    ("polkolonie", "Półkolonie"),
    ("speaking-club", "Speaking club"),
    ("kurs-jezyka-polskiego", "Kurs języka polskiego"),
    ("kurs-adaptacyjny", "Kurs adaptacyjny"),
]

# Partner libraries of the Bajkowóz workshops (seed 004).
LIBRARY_TOWNS = [
    "Kalisz",
    "Piła",
    "Golina",
    "Pleszew",
    "Poznań",
    "Konin",
    "Leszno",
    "Krzywiń",
    "Środa Wielkopolska",
    "Białośliwie",
]

OTHER_VENUES = [
    {"key": "meduza", "name": "Kino Meduza", "kind": "cinema", "city": "Opole"},
    {"key": "opole-park", "name": "Plener w Opolu", "kind": "park", "city": "Opole"},
]


def library_name(town):
    return f"Biblioteka Publiczna – {town}"


def at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute))


def programmes(today):
    """The demo programmes, as plain data, with dates relative to `today`."""
    monday = today - datetime.timedelta(days=today.weekday())
    last_summer = today.year if today.month > 8 else today.year - 1
    july_monday = datetime.date(last_summer, 7, 6)
    july_monday -= datetime.timedelta(days=july_monday.weekday())
    winter_camp = monday + datetime.timedelta(weeks=8)
    saturday = monday + datetime.timedelta(days=5)
    return [
        {
            "type": "event",
            "slug": "kino-meduza",
            "title": "Spotkanie w kinie Meduza",
            "intro": "Wspólny seans i rozmowa po filmie dla dorosłych i rodzin.",
            "category": "kino",
            "audiences": ["adults", "families"],
            "languages": ["pl", "uk"],
            "sessions": [
                {
                    "start": at(saturday + datetime.timedelta(weeks=2), 17),
                    "hours": 2.5,
                    "venue": "meduza",
                    "capacity": 50,
                },
            ],
        },
        {
            "type": "event",
            "slug": "opolskie-goscinne",
            "title": "Piknik rodzinny „Opolskie gościnne”",
            "intro": "Międzynarodowy piknik rodzinny: muzyka, kuchnie świata i zabawy dla dzieci.",
            "category": "piknik",
            "audiences": ["families"],
            "languages": ["pl", "uk", "ru", "en"],
            "sessions": [
                {
                    "start": at(saturday + datetime.timedelta(weeks=29), 12),
                    "hours": 6,
                    "venue": "opole-park",
                },
            ],
        },
        {
            "type": "event",
            "slug": "urodziny-cic-opole",
            "title": "Urodziny Centrum w Opolu",
            "intro": "Świętujemy kolejny rok Centrum: koncert i spektakl dla całych rodzin.",
            "category": "swieto",
            "audiences": ["families"],
            "languages": ["pl"],
            "sessions": [
                {
                    "start": at(monday + datetime.timedelta(weeks=15, days=2), 16),
                    "hours": 3,
                    "venue": "centre:opole",
                    "status": "moved",
                    "status_note": "Przeniesione do większej sali na parterze.",
                },
            ],
        },
        {
            "type": "summer_camp",
            "slug": "polkolonie",
            "title": "Półkolonie dla dzieci",
            "intro": "Tydzień zabaw, warsztatów językowych i wycieczek dla dzieci w wieku szkolnym.",
            "category": "polkolonie",
            "audiences": ["children"],
            "languages": ["pl", "uk"],
            "daily": (datetime.time(8), datetime.time(13)),
            "what_to_bring": "Drugie śniadanie, wodę i wygodne buty.",
            "questions": [
                {"label": "Kto będzie odbierał dziecko?", "kind": "text", "required": True},
                {
                    "label": "Alergie, choroby, leki – co powinniśmy wiedzieć?",
                    "kind": "long_text",
                    "sensitive": True,
                },
                {
                    "label": "Z jakiego kraju pochodzi dziecko?",
                    "kind": "country",
                    "help_text": "Nieobowiązkowe: liczymy to w rocznych statystykach centrów.",
                },
            ],
            "sessions": [
                *[
                    {
                        "title": "Turnus I (lato)",
                        "start": at(july_monday, 8),
                        "days": 5,
                        "venue": f"centre:{centre}",
                        "capacity": 15,
                        "ages": (6, 12),
                    }
                    for centre in ["kalisz", "konin", "leszno", "pila"]
                ],
                {
                    "title": "Turnus II (lato)",
                    "start": at(july_monday + datetime.timedelta(weeks=4), 8),
                    "days": 5,
                    "venue": "centre:poznan",
                    "capacity": 20,
                    "ages": (6, 12),
                },
                *[
                    {
                        "title": "Ferie zimowe",
                        "start": at(winter_camp, 8),
                        "days": 5,
                        "venue": f"centre:{centre}",
                        "capacity": 15,
                        "ages": (6, 12),
                        "opens": opens,
                    }
                    for centre, opens in [
                        ("kalisz", None),
                        ("poznan", at(monday + datetime.timedelta(weeks=2), 9)),
                    ]
                ],
            ],
        },
        {
            "type": "library_workshop",
            "slug": "bajkowoz",
            "title": "Bajkowóz – warsztaty międzykulturowe w bibliotekach",
            "intro": "Mobilna biblioteka z książkami o różnych kulturach odwiedza biblioteki w Wielkopolsce.",
            "category": "warsztaty-w-bibliotece",
            "audiences": ["children", "families"],
            "languages": ["pl", "uk"],
            "sessions": [
                {
                    "start": at(saturday + datetime.timedelta(weeks=week - 2), 10),
                    "hours": 1.5,
                    "venue": f"library:{town}",
                    "capacity": 20,
                    "ages": (5, 12),
                }
                for week, town in enumerate(LIBRARY_TOWNS)
            ],
        },
        {
            "type": "speaking_club",
            "slug": "speaking-club-poznan",
            "title": "Speaking club w Poznaniu",
            "intro": "Nauka polskiego przez zabawę i gry dla dzieci i młodzieży.",
            "category": "speaking-club",
            "audiences": ["children", "youth"],
            "languages": ["pl"],
            "sessions": [
                {
                    "title": "Środy",
                    "start": at(monday - datetime.timedelta(weeks=3, days=-2), 16),
                    "hours": 1.5,
                    "venue": "centre:poznan",
                    "capacity": 12,
                    "ages": (8, 16),
                    "weekly_until": monday + datetime.timedelta(weeks=10),
                    "except_weeks": [4, 5],
                },
            ],
        },
        *[
            {
                "type": "polish_course",
                "slug": f"kurs-polskiego-{level.lower()}",
                "title": f"Kurs języka polskiego {level}",
                "intro": "Grupa spotyka się raz w tygodniu. Podręczniki zapewniamy.",
                "category": "kurs-jezyka-polskiego",
                "audiences": ["adults"],
                "languages": ["pl"],
                "level": level,
                "sessions": [
                    {
                        "title": f"Grupa {level}",
                        "start": at(monday - datetime.timedelta(weeks=6, days=-offset), 17),
                        "hours": 1.5,
                        "venue": "centre:poznan",
                        "capacity": 15,
                        "ages": (16, None),
                        "weekly_until": monday + datetime.timedelta(weeks=9),
                    },
                ],
            }
            for offset, level in enumerate(["A1", "A2", "B1", "B2"])
        ],
        {
            "type": "adaptation_course",
            "slug": "kurs-adaptacyjny",
            "title": "Kurs adaptacyjny",
            "intro": "Podstawy życia w Polsce: praca, ubezpieczenia, zdrowie, pomoc społeczna i kultura.",
            "category": "kurs-adaptacyjny",
            "audiences": ["adults"],
            "languages": ["pl", "uk", "ru"],
            "questions": [
                {
                    "label": "Jak oceniasz swoją znajomość języka polskiego?",
                    "kind": "choice",
                    "choices": "Nie znam polskiego\nRozumiem proste zdania\nSwobodnie rozmawiam",
                    "required": True,
                },
            ],
            "topics": [
                "labour_market",
                "insurance",
                "health_care",
                "social_assistance",
                "culture",
            ],
            "sessions": [
                {
                    "start": at(monday + datetime.timedelta(weeks=week, days=3), 15),
                    "hours": 3,
                    "venue": f"centre:{centre}",
                    "capacity": 20,
                    "ages": (18, None),
                }
                for week, centre in enumerate(
                    ["kalisz", "konin", "leszno", "pila", "poznan"], start=-2
                )
            ],
        },
    ]


# Where the families of the winter camp come from, for the statistics report.
WINTER_CAMP_COUNTRIES = {
    "olena.k@example.com": "UA",
    "a.melnyk@example.com": "UA",
    "anna.nowak@example.com": "PL",
    "n.bondarenko@example.com": "UA",
    "oksana.sh@example.com": "UA",
    "m.tkachenko@example.com": "UA",
    "fatima.ah@example.com": "SY",
    "i.kravets@example.com": "BY",
}

# Sign-ups for the Kalisz winter camp, so the staff screens have something to show:
# (adult, e-mail, language, children as (first name, last name, age)). Invented names.
WINTER_CAMP_SIGN_UPS = [
    (
        "Olena Kowalenko",
        "olena.k@example.com",
        "uk",
        [("Iwan", "Kowalenko", 8), ("Maria", "Kowalenko", 6)],
    ),
    ("Andrij Melnyk", "a.melnyk@example.com", "uk", [("Sofija", "Melnyk", 10)]),
    ("Anna Nowak", "anna.nowak@example.com", "pl", [("Zuzanna", "Nowak", 7), ("Jan", "Nowak", 9)]),
    (
        "Natalia Bondarenko",
        "n.bondarenko@example.com",
        "ru",
        [("Artem", "Bondarenko", 11), ("Daria", "Bondarenko", 8), ("Ilja", "Bondarenko", 6)],
    ),
    ("Oksana Shevchenko", "oksana.sh@example.com", "uk", [("Taras", "Shevchenko", 12)]),
    (
        "Maryna Tkachenko",
        "m.tkachenko@example.com",
        "uk",
        [("Polina", "Tkachenko", 9), ("Marko", "Tkachenko", 7)],
    ),
    (
        "Fatima Al-Hassan",
        "fatima.ah@example.com",
        "en",
        [("Amira", "Al-Hassan", 10), ("Omar", "Al-Hassan", 8)],
    ),
    (
        "Iryna Kravets",
        "i.kravets@example.com",
        "uk",
        [("Wiktor", "Kravets", 9), ("Lilia", "Kravets", 11), ("Roman", "Kravets", 6)],
    ),
]
