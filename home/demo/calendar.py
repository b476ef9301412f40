"""
Demo calendar: the centres' real offers from ../shared/seeds/, with dates placed
around the day the demo is built (some past, most upcoming), so the calendar
always has something on.

Whatever the day, every kind of programme has at least one session that takes
sign-ups now, with places left (a half-day camp, Bajkowóz, a speaking club for
children and one for adults, a Polish course, an adaptation course and an
event), and the other states of sign-up can be seen too: a camp that is full with
a waiting list, one whose sign-up opens in a few days, and sessions whose sign-up
has closed. The camps fall in the school holidays: the next winter break (ferie,
mid-January to February) or summer (July and August), whichever comes first.

Illustrative, not from the seeds: the dates and hours of each offer, the winter
half-day camps, the speaking club for adults, and which library of each town
Bajkowóz visits (the seeds name only the towns: see LIBRARIES).
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

# Partner libraries of the Bajkowóz workshops (seed 004), in the order Bajkowóz
# visits them. The seeds name only the towns: each library's address and website
# are its main building's as published by the library or the local press; where
# neither was found with confidence they are left blank, and the venue's page says
# where to ask (events/venue.html).
LIBRARIES = [
    {
        "town": "Kalisz",
        "name": "Miejska Biblioteka Publiczna im. Adama Asnyka",
        "street_address": "ul. Legionów 66",
        "postcode": "62-800",
        "website": "https://mbp.kalisz.pl/",
    },
    {
        "town": "Piła",
        "name": "Powiatowa i Miejska Biblioteka Publiczna im. Pantaleona Szumana",
        "street_address": "ul. Staromiejska 14",
        "postcode": "64-920",
        "website": "https://biblioteka.pila.pl/",
    },
    {
        "town": "Golina",
        "name": "Biblioteka publiczna w Golinie",
        "website": "http://www.golina.naszabiblioteka.com/",
    },
    {
        "town": "Pleszew",
        "name": "Biblioteka publiczna w Pleszewie",
        "street_address": "ul. Kolejowa 3",
        "postcode": "63-300",
        "website": "https://biblioteka.pleszew.pl/",
    },
    {
        "town": "Poznań",
        "name": "Biblioteka Raczyńskich",
        "street_address": "Al. Marcinkowskiego 23/24",
        "website": "https://bracz.edu.pl/",
    },
    {
        "town": "Konin",
        "name": "Miejska Biblioteka Publiczna im. Zofii Urbanowskiej",
        "street_address": "ul. Dworcowa 13",
        "website": "https://mbp.konin.pl/",
    },
    {
        "town": "Leszno",
        "name": "Miejska Biblioteka Publiczna im. Stanisława Grochowiaka",
        "street_address": "pl. Jana Metziga 25",
        "postcode": "64-100",
        "website": "https://www.mbpleszno.pl/",
    },
    {
        "town": "Krzywiń",
        "name": "Biblioteka publiczna w Krzywiniu",
        "street_address": "ul. Kasztelańska 1",
        "website": "https://biblioteka.krzywin.pl/",
    },
    {"town": "Środa Wielkopolska", "name": "Biblioteka publiczna w Środzie Wielkopolskiej"},
    {"town": "Białośliwie", "name": "Biblioteka publiczna w Białośliwiu"},
]
LIBRARY_TOWNS = [library["town"] for library in LIBRARIES]

OTHER_VENUES = [
    {"key": "meduza", "name": "Kino Meduza", "kind": "cinema", "city": "Opole"},
    {"key": "opole-park", "name": "Plener w Opolu", "kind": "park", "city": "Opole"},
]


def at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute))


def is_camp_week(monday):
    """Whether the week from `monday` to Friday lies in the school holidays."""
    friday = monday + datetime.timedelta(days=4)
    summer = monday.month in (7, 8) and friday.month in (7, 8)
    # Wielkopolska's winter break falls between mid-January and the end of February.
    winter_break = (
        monday.month in (1, 2) and friday.month in (1, 2) and (monday.month, monday.day) >= (1, 12)
    )
    return summer or winter_break


def next_camp_week(today):
    """The Monday of the first holiday week at least two weeks away.

    Two weeks leave room for a camp whose sign-up opens in a few days.
    """
    monday = today - datetime.timedelta(days=today.weekday()) + datetime.timedelta(weeks=2)
    while not is_camp_week(monday):
        monday += datetime.timedelta(weeks=1)
    return monday


def camp_title(monday):
    return "Ferie zimowe" if monday.month in (1, 2) else "Wakacje"


def programmes(today):
    """The demo programmes, as plain data, with dates relative to `today`.

    A session's "opens" and "closes" are when its sign-up opens and closes (by
    default: open from the start, closed when the session starts).
    """
    monday = today - datetime.timedelta(days=today.weekday())
    saturday = monday + datetime.timedelta(days=5)
    last_summer = today.year if today.month > 8 else today.year - 1
    july_monday = datetime.date(last_summer, 7, 6)
    july_monday -= datetime.timedelta(days=july_monday.weekday())
    camp = next_camp_week(today)
    return [
        {
            "type": "event",
            "slug": "kino-meduza",
            "title": "Spotkanie w kinie Meduza",
            "intro": "Wspólny seans i rozmowa po filmie dla dorosłych i rodzin.",
            "category": "kino",
            "organiser": "opole",
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
            "organiser": "opole",
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
            "organiser": "opole",
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
                # The next holiday week: Kalisz fills up (see CAMP_SIGN_UPS), Konin and
                # Leszno have places, Poznań opens its sign-up in a few days.
                *[
                    {
                        "title": camp_title(camp),
                        "start": at(camp, 8),
                        "days": 5,
                        "venue": f"centre:{centre}",
                        "capacity": capacity,
                        "ages": (6, 12),
                        "opens": opens,
                    }
                    for centre, capacity, opens in [
                        ("kalisz", 15, None),
                        ("konin", 15, None),
                        ("leszno", 12, None),
                        ("poznan", 20, at(today + datetime.timedelta(days=3), 9)),
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
            # Run from Poznań across the region: its centre answers, ROPS controls the data.
            "organiser": "poznan",
            "audiences": ["children", "families"],
            "languages": ["pl", "uk"],
            "sessions": [
                {
                    "start": at(saturday + datetime.timedelta(weeks=week - 2), 10),
                    "hours": 1.5,
                    "venue": f"library:{town}",
                    "capacity": 20,
                    "ages": (5, 12),
                    # Next week's group is already made up: its sign-up closed yesterday.
                    "closes": at(today - datetime.timedelta(days=1), 15) if week == 3 else None,
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
                    # Newcomers join the club under way, until a few weeks before its end.
                    "closes": at(monday + datetime.timedelta(weeks=8), 20),
                },
            ],
        },
        {
            "type": "speaking_club",
            "slug": "speaking-club-dla-doroslych",
            "title": "Speaking club dla dorosłych",
            "intro": (
                "Rozmowy po polsku o codziennych sprawach: zakupy, lekarz, praca, urząd. "
                "Dla dorosłych na każdym poziomie."
            ),
            "category": "speaking-club",
            "audiences": ["adults"],
            "languages": ["pl"],
            "sessions": [
                {
                    "title": "Czwartki",
                    "start": at(monday - datetime.timedelta(weeks=2, days=-3), 17, 30),
                    "hours": 1.5,
                    "venue": "centre:konin",
                    "capacity": 12,
                    "ages": (18, None),
                    "weekly_until": monday + datetime.timedelta(weeks=12),
                    "closes": at(monday + datetime.timedelta(weeks=10), 20),
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
                        # The beginners' groups take newcomers for a few more weeks; the
                        # others closed their sign-up at the first meeting.
                        "closes": (
                            at(monday + datetime.timedelta(weeks=3, days=offset), 17)
                            if level in ("A1", "A2")
                            else None
                        ),
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


# Where the families of the Kalisz camp come from, for the statistics report.
CAMP_COUNTRIES = {
    "olena.k@example.com": "UA",
    "a.melnyk@example.com": "UA",
    "anna.nowak@example.com": "PL",
    "n.bondarenko@example.com": "UA",
    "oksana.sh@example.com": "UA",
    "m.tkachenko@example.com": "UA",
    "fatima.ah@example.com": "SY",
    "nino.b@example.com": "GE",
    "i.kravets@example.com": "BY",
}

# Sign-ups for the Kalisz camp of the next holiday week, so the staff screens have
# something to show: the first families take all 15 places, the last one (three
# children) waits. (adult, e-mail, language, children as (first name, last name,
# age)). Invented names.
CAMP_SIGN_UPS = [
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
        "Nino Beridze",
        "nino.b@example.com",
        "ru",
        [("Luka", "Beridze", 7), ("Mariam", "Beridze", 10)],
    ),
    (
        "Iryna Kravets",
        "i.kravets@example.com",
        "uk",
        [("Wiktor", "Kravets", 9), ("Lilia", "Kravets", 11), ("Roman", "Kravets", 6)],
    ),
]
