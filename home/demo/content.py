"""
Demo content in Polish, taken from the centres' public pages (../shared/seeds/).

People's names and personal phone numbers from the seeds are left out on
purpose. Where the seeds do not say (postcodes, which weekday a centre stays
open late, the Opole centre's e-mail), the field is left blank or an illustrative
value is used and named so below. Translations are in translations.py, keyed by
the Polish text.
"""

import datetime

HOME = {
    "title": "Centra Integracji Cudzoziemców",
    "intro": (
        "<p>Pięć Centrów Integracji Cudzoziemców w Wielkopolsce – w Poznaniu, Kaliszu, "
        "Koninie, Lesznie i Pile – oraz partnerskie Centrum w Opolu pomagają osobom "
        "z doświadczeniem migracji zamieszkać, pracować i uczyć się w Polsce.</p>"
        "<p>Wszystkie nasze działania są bezpłatne: punkt informacyjny, kursy języka "
        "polskiego i kursy adaptacyjne, wsparcie prawnika i psychologa, tłumaczenia, "
        "półkolonie i warsztaty dla dzieci.</p>"
    ),
}

INFORMATION_POINT = {
    "slug": "punkt-informacyjny",
    "title": "Punkt Informacyjny",
    "intro": (
        "W Punkcie Informacyjnym dowiesz się, jak załatwić najważniejsze sprawy po "
        "przyjeździe do Polski. Pomagamy po polsku, ukraińsku, rosyjsku i angielsku."
    ),
    "body": [
        (
            "paragraph",
            "<p>Doradcy międzykulturowi towarzyszą rodzinom w trudnych sytuacjach, chodzą "
            "z Tobą do lekarza, pomagają wypełnić dokumenty urzędowe i szukać mieszkania, "
            "a także umawiają spotkania z prawnikiem, psychologiem i doradcą zawodowym.</p>",
        ),
    ],
}

TOPICS = [
    {
        "slug": "legalizacja-pobytu",
        "title": "Legalizacja pobytu i obywatelstwo",
        "intro": "Jakie dokumenty są potrzebne, aby legalnie przebywać w Polsce i ubiegać się o obywatelstwo.",
        "body": [
            ("heading", "Od czego zacząć"),
            (
                "paragraph",
                "<p>Podpowiemy, jakie zezwolenie na pobyt pasuje do Twojej sytuacji, jakie "
                "dokumenty przygotować i gdzie złożyć wniosek. W Centrum w Poznaniu odbywają "
                "się dyżury pracowników Wielkopolskiego Urzędu Wojewódzkiego.</p>",
            ),
        ],
    },
    {
        "slug": "praca-i-dzialalnosc-gospodarcza",
        "title": "Praca i działalność gospodarcza",
        "intro": "Formy zatrudnienia, prawa pracownika i zakładanie własnej firmy.",
        "body": [
            (
                "paragraph",
                "<p>Wyjaśnimy, czym różnią się umowy o pracę, zlecenie i o dzieło, jak "
                "zarejestrować działalność gospodarczą i gdzie szukać ofert pracy. Doradcy "
                "zawodowi Wojewódzkiego Urzędu Pracy prowadzą w Centrach dyżury.</p>",
            ),
        ],
    },
    {
        "slug": "opieka-zdrowotna",
        "title": "Opieka zdrowotna",
        "intro": "Jak korzystać z usług medycznych i rehabilitacyjnych w Polsce.",
        "body": [
            (
                "paragraph",
                "<p>Pomożemy zapisać się do lekarza rodzinnego, wyjaśnimy, jak działa "
                "ubezpieczenie zdrowotne, a doradca międzykulturowy może towarzyszyć Ci "
                "podczas wizyty.</p>",
            ),
        ],
    },
    {
        "slug": "mieszkanie",
        "title": "Wynajem i zakup mieszkania",
        "intro": "Na co zwrócić uwagę, wynajmując lub kupując mieszkanie.",
        "body": [
            (
                "paragraph",
                "<p>Podpowiemy, jak czytać umowę najmu, jakie opłaty są zwykle w niej "
                "ujęte i jak zgłosić swój adres zamieszkania.</p>",
            ),
        ],
    },
    {
        "slug": "konto-bankowe",
        "title": "Konto w banku",
        "intro": "Jakie dokumenty są potrzebne, aby założyć konto bankowe.",
        "body": [
            (
                "paragraph",
                "<p>Wyjaśnimy, jakie dokumenty przygotować, aby otworzyć konto w polskim "
                "banku, i jak bezpiecznie korzystać z bankowości internetowej.</p>",
            ),
        ],
    },
    {
        "slug": "uznawanie-wyksztalcenia",
        "title": "Uznawanie wykształcenia",
        "intro": "Jak uznać w Polsce świadectwo lub dyplom zdobyty za granicą.",
        "body": [
            (
                "paragraph",
                "<p>Podpowiemy, gdzie złożyć wniosek o uznanie świadectwa szkolnego lub "
                "dyplomu i jak przygotować tłumaczenie przysięgłe dokumentów.</p>",
            ),
        ],
    },
]

ABOUT = {
    "slug": "o-nas",
    "title": "O nas",
    "intro": (
        "Centra Integracji Cudzoziemców skupiają w jednym miejscu punkt informacyjny, "
        "kursy języka polskiego, kursy adaptacyjne i działania integracyjne."
    ),
    "body": [
        ("heading", "Co robimy"),
        (
            "paragraph",
            "<p>W pierwszym roku działalności Centra wsparły przede wszystkim obywateli "
            "Ukrainy uciekających przed wojną. Od początku działalności udzieliły wsparcia "
            "około 4000 osobom z doświadczeniem migracji – z Ukrainy, Gruzji, Azerbejdżanu, "
            "Turcji i krajów Ameryki Łacińskiej.</p>",
        ),
        (
            "paragraph",
            "<ul><li>kursy języka polskiego od poziomu A1 do B2</li>"
            "<li>kursy adaptacyjne: rynek pracy, ubezpieczenia, opieka zdrowotna, pomoc "
            "społeczna, kultura i tradycja polska</li>"
            "<li>wsparcie prawnika i psychologa</li>"
            "<li>tłumaczenia przysięgłe dokumentów</li>"
            "<li>półkolonie dla dzieci w lipcu i sierpniu</li>"
            "<li>warsztaty międzykulturowe w bibliotekach z Bajkowozem</li></ul>",
        ),
        (
            "quote",
            "Otworzyć się jeszcze bardziej na różnorodność oraz wielokulturowość, szukając "
            "tego, co nas łączy.",
        ),
        ("call_to_action", "Znajdź najbliższe Centrum"),
    ],
}

CALL_TO_ACTION_BUTTON = "Adresy i godziny otwarcia"

PRIVACY = {
    "slug": "ochrona-danych",
    "title": "Informacja o ochronie danych osobowych",
    "intro": "Jak przetwarzamy dane osób, które korzystają z naszych usług i zapisują się na zajęcia.",
    "body": [
        (
            "paragraph",
            "<p>Administratorem danych osobowych osób, które korzystają z Centrów w Poznaniu, "
            "Kaliszu, Koninie, Lesznie i Pile, jest Regionalny Ośrodek Polityki Społecznej "
            "w Poznaniu, ul. Nowowiejskiego 11, 61-731 Poznań. Dane zbieramy tylko w zakresie "
            "potrzebnym do zapisu na zajęcia i kontaktu w ich sprawie i przechowujemy je "
            "nie dłużej, niż to konieczne.</p>",
        ),
        (
            "paragraph",
            "<p>Administratorem danych osób, które korzystają z Centrum w Opolu i zapisują się "
            "na jego zajęcia, jest Wojewódzki Urząd Pracy w Opolu, który prowadzi to Centrum "
            "(ul. Damrota 7, Opole).</p>",
        ),
        (
            "paragraph",
            "<p>Masz prawo dostępu do swoich danych, ich sprostowania i usunięcia. W sprawach "
            "danych osobowych skontaktuj się z Inspektorem Ochrony Danych Osobowych pod "
            "numerem 61 85 67 340.</p>",
        ),
    ],
}

CENTRES_INDEX = {
    "slug": "centra",
    "title": "Nasze Centra",
    "intro": (
        "Centra są czynne 5 dni w tygodniu, co najmniej jeden dzień do 19:00, oraz "
        "w wybrane soboty. Wszystkie usługi są bezpłatne."
    ),
}

# The seeds give each Wielkopolska centre's hours as "Monday to Friday, at least
# one day until 19:00, and selected Saturdays"; which weekday is the late one is
# illustrative here.
WEEKDAY_HOURS = (datetime.time(7, 30), datetime.time(15, 30))
LATE_DAY_HOURS = (datetime.time(11, 0), datetime.time(19, 0))
SATURDAY_HOURS = (datetime.time(9, 0), datetime.time(13, 0))

# The institutions that run the centres and control the personal data of the families
# who sign up (seeds 000, 001, 004): the five Wielkopolska centres are a department
# of the regional social-policy centre, the Opole one a department of the regional
# labour office. The seeds give the Opole centre's address only, not the office's.
OPERATORS = {
    "rops": {
        "name": "Regionalny Ośrodek Polityki Społecznej w Poznaniu",
        "address": "ul. Nowowiejskiego 11, 61-731 Poznań",
    },
    "wup-opole": {
        "name": "Wojewódzki Urząd Pracy w Opolu",
        "address": "ul. Damrota 7, Opole",
    },
}

CENTRES = [
    {
        "slug": "poznan",
        "title": "CIC Poznań",
        "city": "Poznań",
        "street_address": "ul. Nowowiejskiego 25",
        "phone": "887 063 112",
        "email": "info.cicpoznan@rops.poznan.pl",
        "intro": (
            "<p>Centrum w stolicy regionu. Tu odbywają się kursy języka polskiego od A1 do "
            "B2, dyżury pracowników Urzędu Wojewódzkiego i sierpniowy speaking club dla "
            "dzieci i młodzieży.</p>"
        ),
        "late_day": 2,
        "saturdays": True,
        "operator": "rops",
        "languages": ["pl", "uk", "ru", "en"],
    },
    {
        "slug": "kalisz",
        "title": "CIC Kalisz",
        "city": "Kalisz",
        "street_address": "ul. Nowy Świat 13",
        "phone": "887 069 112",
        "email": "info.cickalisz@rops.poznan.pl",
        "intro": ("<p>Pierwsze z pięciu Centrów w Wielkopolsce, otwarte 7 marca 2022 roku.</p>"),
        "late_day": 1,
        "saturdays": True,
        "operator": "rops",
        "languages": ["pl", "uk", "ru"],
    },
    {
        "slug": "konin",
        "title": "CIC Konin",
        "city": "Konin",
        "street_address": "ul. Chopina 23B",
        "phone": "887 067 112",
        "email": "info.cickonin@rops.poznan.pl",
        "intro": "<p>Punkt informacyjny, kursy i warsztaty dla dzieci i dorosłych w Koninie.</p>",
        "late_day": 3,
        "saturdays": True,
        "operator": "rops",
        "languages": ["pl", "uk", "ru"],
    },
    {
        "slug": "leszno",
        "title": "CIC Leszno",
        "city": "Leszno",
        "street_address": "Aleje Jana Pawła II 12",
        "phone": "887 068 112",
        "email": "info.cicleszno@rops.poznan.pl",
        "intro": "<p>Punkt informacyjny, kursy i warsztaty dla dzieci i dorosłych w Lesznie.</p>",
        "late_day": 1,
        "saturdays": True,
        "operator": "rops",
        "languages": ["pl", "uk", "ru"],
    },
    {
        "slug": "pila",
        "title": "CIC Piła",
        "city": "Piła",
        "street_address": "Al. Powstańców Wielkopolskich 75/13",
        "phone": "887 066 112",
        "email": "info.cicpila@rops.poznan.pl",
        "intro": "<p>Punkt informacyjny, kursy i warsztaty dla dzieci i dorosłych w Pile.</p>",
        "late_day": 2,
        "saturdays": True,
        "operator": "rops",
        "languages": ["pl", "uk", "ru"],
    },
    {
        "slug": "opole",
        "title": "CIC Opole",
        "city": "Opole",
        "street_address": "ul. Damrota 7",
        # The seeds give no phone or e-mail for Opole: an illustrative address, so that
        # its families' replies go to their own centre.
        "phone": "",
        "email": "cic.opole@example.org",
        "intro": (
            "<p>Centrum prowadzone przez Wojewódzki Urząd Pracy w Opolu, otwarte 10 marca "
            "2022 roku. Pomagamy po polsku, rosyjsku, ukraińsku i angielsku.</p>"
        ),
        "late_day": None,
        "saturdays": False,
        "operator": "wup-opole",
        "languages": ["pl", "ru", "uk", "en"],
    },
]

NEWS_INDEX = {
    "slug": "aktualnosci",
    "title": "Aktualności",
    "intro": "Wiadomości z Centrów Integracji Cudzoziemców.",
}

NEWS = [
    {
        "slug": "pierwsze-urodziny-cic-opole",
        "title": "Pierwsze urodziny Centrum w Opolu",
        "date": datetime.date(2023, 3, 10),
        "intro": (
            "10 marca 2023 roku razem z partnerami i uczestnikami świętowaliśmy pierwsze "
            "urodziny Centrum Integracji Cudzoziemców w Opolu."
        ),
        "tags": ["Opole", "wydarzenia"],
        "body": [
            (
                "paragraph",
                "<p>W ciągu roku pomogliśmy blisko 900 osobom, z czego ponad 80% stanowili "
                "dorośli. Większość to obywatele Ukrainy, ale także Mołdawii, Białorusi, "
                "Rosji, Kuby, Gruzji, Turcji, Chin, Maroka, Afganistanu, Nigerii, Indii "
                "i Kazachstanu.</p>",
            ),
            (
                "paragraph",
                "<ul><li>blisko 100 porad psychologicznych i ponad 200 porad prawnych</li>"
                "<li>ponad 70 osób skorzystało z pomocy doradcy zawodowego</li>"
                "<li>kursy języka polskiego ukończyło ponad 180 dorosłych i 50 dzieci, "
                "a kurs polskiego medycznego 80 osób</li>"
                "<li>około 800 stron tłumaczeń przysięgłych</li>"
                "<li>120 osób na kursach adaptacyjnych</li></ul>",
            ),
            (
                "paragraph",
                "<p>Urodziny uświetnili muzycy i teatr. W ciągu roku odbył się też "
                "międzynarodowy piknik rodzinny „Opolskie gościnne” (blisko 2000 osób) "
                "i spotkanie w kinie Meduza.</p>",
            ),
        ],
    },
    {
        "slug": "otwarcie-cic-kalisz",
        "title": "Otwarcie Centrum Integracji Cudzoziemców w Kaliszu",
        "date": datetime.date(2022, 3, 7),
        "intro": (
            "7 marca 2022 roku przy ulicy Nowy Świat 13 otwarto Kaliskie Centrum "
            "Integracji Cudzoziemców – pierwsze z pięciu takich placówek w Wielkopolsce."
        ),
        "tags": ["Kalisz"],
        "body": [
            (
                "paragraph",
                "<p>Centrum prowadzi punkt informacyjny, organizuje kursy języka polskiego "
                "i kursy adaptacyjne, zapewnia wsparcie doradców międzykulturowych, prawnika "
                "i psychologa oraz zajęcia integracyjne dla dzieci i dorosłych.</p>",
            ),
            (
                "paragraph",
                "<p>Zapraszamy od poniedziałku do piątku w godzinach 7:30–15:30, osobiście, "
                "telefonicznie pod numerem 887 069 112 i mailowo.</p>",
            ),
        ],
    },
    {
        "slug": "polkolonie-letnie",
        "title": "Półkolonie letnie we wszystkich Centrach",
        "date": datetime.date(2026, 5, 15),
        "intro": (
            "W lipcu i sierpniu zapraszamy dzieci w wieku szkolnym na bezpłatne półkolonie "
            "we wszystkich pięciu Centrach w Wielkopolsce."
        ),
        "tags": ["dzieci", "półkolonie"],
        "body": [
            (
                "paragraph",
                "<p>W programie warsztaty językowe, wycieczki do Poznania, gry i zabawy. "
                "Pierwsze turnusy odbędą się w subregionach, drugie w Poznaniu. W zeszłym "
                "roku wzięło w nich udział około 150 dzieci.</p>",
            ),
        ],
    },
]

FOOTER = {
    "organisation_name": "Centra Integracji Cudzoziemców",
    "text": (
        "<p>Regionalny Ośrodek Polityki Społecznej w Poznaniu prowadzi Centra Integracji "
        "Cudzoziemców w Poznaniu, Kaliszu, Koninie, Lesznie i Pile. Centrum w Opolu "
        "prowadzi Wojewódzki Urząd Pracy w Opolu.</p>"
    ),
}

# Consent texts of the sign-up form (events.ConsentText), translated in translations.py.
CONSENTS = {
    # The controller depends on the centre that organises the session (Opole's is run by
    # another institution): the sign-up page and the e-mails name it, the text points there.
    "data": (
        "Wyrażam zgodę na przetwarzanie moich danych osobowych i danych osób, które zapisuję, "
        "w celu organizacji zajęć przez instytucję prowadzącą Centrum, które je organizuje "
        "(administratora danych podajemy na tej stronie). Dane usuwamy 90 dni po zakończeniu "
        "zajęć. Mogę wycofać zgodę w każdej chwili."
    ),
    "photos": (
        "Zgadzam się na zdjęcia uczestnika podczas zajęć i ich publikację na stronie i w mediach "
        "społecznościowych Centrum."
    ),
}
CONSENT_VERSION = "2026-12"

SITE_SETTINGS = {
    "phone": "61 85 67 300",
    "email": "info.cicpoznan@rops.poznan.pl",
    "address": "ul. Mielżyńskiego 14a, 61-725 Poznań",
}
