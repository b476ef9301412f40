"""Translations of the demo content (content.py), keyed by the Polish text exactly as
wagtail-localize segments it (one paragraph or list item per key)."""

TRANSLATIONS = {
    "uk": {
        "Centra Integracji Cudzoziemców": "Центри інтеграції іноземців",
        (
            "Pięć Centrów Integracji Cudzoziemców w Wielkopolsce – w Poznaniu, Kaliszu, Koninie, "
            "Lesznie i Pile – oraz partnerskie Centrum w Opolu pomagają osobom z doświadczeniem "
            "migracji zamieszkać, pracować i uczyć się w Polsce."
        ): (
            "П’ять центрів інтеграції іноземців у Великопольщі — у Познані, Каліші, Коніні, Лешні "
            "та Пілі — а також партнерський центр в Ополі допомагають людям із міграційним "
            "досвідом облаштуватися, працювати й навчатися в Польщі."
        ),
        (
            "Wszystkie nasze działania są bezpłatne: punkt informacyjny, kursy języka polskiego i "
            "kursy adaptacyjne, wsparcie prawnika i psychologa, tłumaczenia, półkolonie i "
            "warsztaty dla dzieci."
        ): (
            "Усі наші послуги безкоштовні: інформаційний пункт, курси польської мови та "
            "адаптаційні курси, допомога юриста й психолога, переклади, денні табори та "
            "майстер-класи для дітей."
        ),
        "Punkt Informacyjny": "Інформаційний пункт",
        (
            "W Punkcie Informacyjnym dowiesz się, jak załatwić najważniejsze sprawy po "
            "przyjeździe do Polski. Pomagamy po polsku, ukraińsku, rosyjsku i angielsku."
        ): (
            "В Інформаційному пункті ви дізнаєтеся, як вирішити найважливіші питання після "
            "приїзду до Польщі. Ми допомагаємо польською, українською, російською та англійською "
            "мовами."
        ),
        (
            "Doradcy międzykulturowi towarzyszą rodzinom w trudnych sytuacjach, chodzą z Tobą do "
            "lekarza, pomagają wypełnić dokumenty urzędowe i szukać mieszkania, a także umawiają "
            "spotkania z prawnikiem, psychologiem i doradcą zawodowym."
        ): (
            "Міжкультурні консультанти супроводжують родини у складних ситуаціях, ходять разом із "
            "вами до лікаря, допомагають заповнити офіційні документи й шукати житло, а також "
            "записують на зустрічі з юристом, психологом і кар’єрним консультантом."
        ),
        "Legalizacja pobytu i obywatelstwo": "Легалізація перебування та громадянство",
        (
            "Jakie dokumenty są potrzebne, aby legalnie przebywać w Polsce i ubiegać się o "
            "obywatelstwo."
        ): (
            "Які документи потрібні, щоб легально перебувати в Польщі та подати заяву на "
            "громадянство."
        ),
        "Od czego zacząć": "З чого почати",
        (
            "Podpowiemy, jakie zezwolenie na pobyt pasuje do Twojej sytuacji, jakie dokumenty "
            "przygotować i gdzie złożyć wniosek. W Centrum w Poznaniu odbywają się dyżury "
            "pracowników Wielkopolskiego Urzędu Wojewódzkiego."
        ): (
            "Підкажемо, який дозвіл на перебування підходить для вашої ситуації, які документи "
            "підготувати й куди подати заяву. У центрі в Познані ведуть прийом працівники "
            "Великопольського воєводського управління."
        ),
        "Praca i działalność gospodarcza": "Робота та підприємницька діяльність",
        "Formy zatrudnienia, prawa pracownika i zakładanie własnej firmy.": (
            "Форми зайнятості, права працівника та відкриття власної фірми."
        ),
        (
            "Wyjaśnimy, czym różnią się umowy o pracę, zlecenie i o dzieło, jak zarejestrować "
            "działalność gospodarczą i gdzie szukać ofert pracy. Doradcy zawodowi Wojewódzkiego "
            "Urzędu Pracy prowadzą w Centrach dyżury."
        ): (
            "Пояснимо, чим відрізняються трудовий договір (umowa o pracę), договір доручення "
            "(umowa zlecenie) і договір підряду (umowa o dzieło), як зареєструвати підприємницьку "
            "діяльність і де шукати вакансії. Кар’єрні консультанти Воєводського управління праці "
            "ведуть прийом у центрах."
        ),
        "Opieka zdrowotna": "Медична допомога",
        "Jak korzystać z usług medycznych i rehabilitacyjnych w Polsce.": (
            "Як користуватися медичними та реабілітаційними послугами в Польщі."
        ),
        (
            "Pomożemy zapisać się do lekarza rodzinnego, wyjaśnimy, jak działa ubezpieczenie "
            "zdrowotne, a doradca międzykulturowy może towarzyszyć Ci podczas wizyty."
        ): (
            "Допоможемо записатися до сімейного лікаря, пояснимо, як працює медичне страхування, "
            "а міжкультурний консультант може супроводити вас під час візиту."
        ),
        "Wynajem i zakup mieszkania": "Оренда та купівля житла",
        "Na co zwrócić uwagę, wynajmując lub kupując mieszkanie.": (
            "На що звернути увагу під час оренди чи купівлі житла."
        ),
        (
            "Podpowiemy, jak czytać umowę najmu, jakie opłaty są zwykle w niej ujęte i jak "
            "zgłosić swój adres zamieszkania."
        ): (
            "Підкажемо, як читати договір оренди, які платежі зазвичай у ньому передбачені та як "
            "зареєструвати своє місце проживання."
        ),
        "Konto w banku": "Рахунок у банку",
        "Jakie dokumenty są potrzebne, aby założyć konto bankowe.": (
            "Які документи потрібні, щоб відкрити банківський рахунок."
        ),
        (
            "Wyjaśnimy, jakie dokumenty przygotować, aby otworzyć konto w polskim banku, i jak "
            "bezpiecznie korzystać z bankowości internetowej."
        ): (
            "Пояснимо, які документи підготувати, щоб відкрити рахунок у польському банку, і як "
            "безпечно користуватися інтернет-банкінгом."
        ),
        "Uznawanie wykształcenia": "Визнання документів про освіту",
        "Jak uznać w Polsce świadectwo lub dyplom zdobyty za granicą.": (
            "Як домогтися визнання в Польщі атестата чи диплома, отриманого за кордоном."
        ),
        (
            "Podpowiemy, gdzie złożyć wniosek o uznanie świadectwa szkolnego lub dyplomu i jak "
            "przygotować tłumaczenie przysięgłe dokumentów."
        ): (
            "Підкажемо, куди подати заяву про визнання шкільного атестата чи диплома та як "
            "підготувати присяжний переклад документів."
        ),
        "Nasze Centra": "Наші центри",
        (
            "Centra są czynne 5 dni w tygodniu, co najmniej jeden dzień do 19:00, oraz w wybrane "
            "soboty. Wszystkie usługi są bezpłatne."
        ): (
            "Центри працюють 5 днів на тиждень, щонайменше один день — до 19:00, а також в окремі "
            "суботи. Усі послуги безкоштовні."
        ),
        "CIC Poznań": "CIC Познань",
        (
            "Centrum w stolicy regionu. Tu odbywają się kursy języka polskiego od A1 do B2, "
            "dyżury pracowników Urzędu Wojewódzkiego i sierpniowy speaking club dla dzieci i "
            "młodzieży."
        ): (
            "Центр у столиці регіону. Тут проходять курси польської мови від рівня A1 до B2, "
            "прийом працівників воєводського управління та серпневий розмовний клуб для дітей і "
            "молоді."
        ),
        "Poznań": "Познань",
        "Soboty otwarte: terminy w kalendarzu wydarzeń.": (
            "Відкриті суботи: дати — у календарі подій."
        ),
        "CIC Kalisz": "CIC Каліш",
        "Pierwsze z pięciu Centrów w Wielkopolsce, otwarte 7 marca 2022 roku.": (
            "Перший із п’яти центрів у Великопольщі, відкритий 7 березня 2022 року."
        ),
        "Kalisz": "Каліш",
        "CIC Konin": "CIC Конін",
        "Punkt informacyjny, kursy i warsztaty dla dzieci i dorosłych w Koninie.": (
            "Інформаційний пункт, курси та майстер-класи для дітей і дорослих у Коніні."
        ),
        "Konin": "Конін",
        "CIC Leszno": "CIC Лешно",
        "Punkt informacyjny, kursy i warsztaty dla dzieci i dorosłych w Lesznie.": (
            "Інформаційний пункт, курси та майстер-класи для дітей і дорослих у Лешні."
        ),
        "Leszno": "Лешно",
        "CIC Piła": "CIC Піла",
        "Punkt informacyjny, kursy i warsztaty dla dzieci i dorosłych w Pile.": (
            "Інформаційний пункт, курси та майстер-класи для дітей і дорослих у Пілі."
        ),
        "Piła": "Піла",
        "CIC Opole": "CIC Ополе",
        (
            "Centrum prowadzone przez Wojewódzki Urząd Pracy w Opolu, otwarte 10 marca 2022 roku. "
            "Pomagamy po polsku, rosyjsku, ukraińsku i angielsku."
        ): (
            "Центр, яким керує Воєводське управління праці в Ополі, відкрився 10 березня 2022 "
            "року. Допомагаємо польською, російською, українською та англійською мовами."
        ),
        "Opole": "Ополе",
        "Aktualności": "Новини",
        "Wiadomości z Centrów Integracji Cudzoziemców.": "Новини центрів інтеграції іноземців.",
        "Pierwsze urodziny Centrum w Opolu": "Перший день народження центру в Ополі",
        (
            "10 marca 2023 roku razem z partnerami i uczestnikami świętowaliśmy pierwsze urodziny "
            "Centrum Integracji Cudzoziemców w Opolu."
        ): (
            "10 березня 2023 року разом із партнерами та учасниками ми відсвяткували перший день "
            "народження Центру інтеграції іноземців в Ополі."
        ),
        (
            "W ciągu roku pomogliśmy blisko 900 osobom, z czego ponad 80% stanowili dorośli. "
            "Większość to obywatele Ukrainy, ale także Mołdawii, Białorusi, Rosji, Kuby, Gruzji, "
            "Turcji, Chin, Maroka, Afganistanu, Nigerii, Indii i Kazachstanu."
        ): (
            "За рік ми допомогли майже 900 людям, понад 80% з яких — дорослі. Більшість із них — "
            "громадяни України, але також Молдови, Білорусі, Росії, Куби, Грузії, Туреччини, "
            "Китаю, Марокко, Афганістану, Нігерії, Індії та Казахстану."
        ),
        "blisko 100 porad psychologicznych i ponad 200 porad prawnych": (
            "майже 100 психологічних і понад 200 юридичних консультацій"
        ),
        "ponad 70 osób skorzystało z pomocy doradcy zawodowego": (
            "понад 70 людей скористалися допомогою кар’єрного консультанта"
        ),
        (
            "kursy języka polskiego ukończyło ponad 180 dorosłych i 50 dzieci, a kurs polskiego "
            "medycznego 80 osób"
        ): (
            "курси польської мови закінчили понад 180 дорослих і 50 дітей, а курс медичної "
            "польської — 80 людей"
        ),
        "około 800 stron tłumaczeń przysięgłych": "близько 800 сторінок присяжних перекладів",
        "120 osób na kursach adaptacyjnych": "120 учасників адаптаційних курсів",
        (
            "Urodziny uświetnili muzycy i teatr. W ciągu roku odbył się też międzynarodowy piknik "
            "rodzinny „Opolskie gościnne” (blisko 2000 osób) i spotkanie w kinie Meduza."
        ): (
            "Свято прикрасили виступи музикантів і театру. Упродовж року також відбулися "
            "міжнародний сімейний пікнік «Opolskie gościnne» (майже 2000 учасників) і зустріч у "
            "кінотеатрі «Meduza»."
        ),
        "Otwarcie Centrum Integracji Cudzoziemców w Kaliszu": (
            "Відкриття Центру інтеграції іноземців у Каліші"
        ),
        (
            "7 marca 2022 roku przy ulicy Nowy Świat 13 otwarto Kaliskie Centrum Integracji "
            "Cudzoziemców – pierwsze z pięciu takich placówek w Wielkopolsce."
        ): (
            "7 березня 2022 року за адресою ul. Nowy Świat 13 відкрили Калішський центр "
            "інтеграції іноземців — перший із п’яти таких центрів у Великопольщі."
        ),
        (
            "Centrum prowadzi punkt informacyjny, organizuje kursy języka polskiego i kursy "
            "adaptacyjne, zapewnia wsparcie doradców międzykulturowych, prawnika i psychologa "
            "oraz zajęcia integracyjne dla dzieci i dorosłych."
        ): (
            "Центр має інформаційний пункт, організовує курси польської мови та адаптаційні "
            "курси, надає підтримку міжкультурних консультантів, юриста й психолога, а також "
            "проводить інтеграційні заняття для дітей і дорослих."
        ),
        (
            "Zapraszamy od poniedziałku do piątku w godzinach 7:30–15:30, osobiście, "
            "telefonicznie pod numerem 887 069 112 i mailowo."
        ): (
            "Звертайтеся з понеділка до п’ятниці з 7:30 до 15:30 — особисто, за телефоном 887 069 "
            "112 або електронною поштою."
        ),
        "Półkolonie letnie we wszystkich Centrach": "Літні денні табори в усіх центрах",
        (
            "W lipcu i sierpniu zapraszamy dzieci w wieku szkolnym na bezpłatne półkolonie we "
            "wszystkich pięciu Centrach w Wielkopolsce."
        ): (
            "У липні та серпні запрошуємо дітей шкільного віку на безкоштовні денні табори в усіх "
            "п’яти центрах у Великопольщі."
        ),
        (
            "W programie warsztaty językowe, wycieczki do Poznania, gry i zabawy. Pierwsze "
            "turnusy odbędą się w subregionach, drugie w Poznaniu. W zeszłym roku wzięło w nich "
            "udział około 150 dzieci."
        ): (
            "У програмі — мовні заняття, екскурсії до Познані, ігри та розваги. Перші зміни "
            "відбудуться в Каліші, Коніні, Лешні та Пілі, другі — у Познані. Торік у них узяли "
            "участь близько 150 дітей."
        ),
        "O nas": "Про нас",
        (
            "Centra Integracji Cudzoziemców skupiają w jednym miejscu punkt informacyjny, kursy "
            "języka polskiego, kursy adaptacyjne i działania integracyjne."
        ): (
            "Центри інтеграції іноземців об’єднують в одному місці інформаційний пункт, курси "
            "польської мови, адаптаційні курси та інтеграційні заходи."
        ),
        "Co robimy": "Що ми робимо",
        (
            "W pierwszym roku działalności Centra wsparły przede wszystkim obywateli Ukrainy "
            "uciekających przed wojną. Od początku działalności udzieliły wsparcia około 4000 "
            "osobom z doświadczeniem migracji – z Ukrainy, Gruzji, Azerbejdżanu, Turcji i krajów "
            "Ameryki Łacińskiej."
        ): (
            "У перший рік роботи центри підтримували насамперед громадян України, які рятувалися "
            "від війни. Від початку діяльності вони надали підтримку близько 4000 людей із "
            "міграційним досвідом — з України, Грузії, Азербайджану, Туреччини та країн "
            "Латинської Америки."
        ),
        "kursy języka polskiego od poziomu A1 do B2": "курси польської мови від рівня A1 до B2",
        (
            "kursy adaptacyjne: rynek pracy, ubezpieczenia, opieka zdrowotna, pomoc społeczna, "
            "kultura i tradycja polska"
        ): (
            "адаптаційні курси: ринок праці, страхування, охорона здоров’я, соціальна допомога, "
            "польська культура й традиції"
        ),
        "wsparcie prawnika i psychologa": "допомога юриста й психолога",
        "tłumaczenia przysięgłe dokumentów": "присяжні переклади документів",
        "półkolonie dla dzieci w lipcu i sierpniu": "денні табори для дітей у липні та серпні",
        "warsztaty międzykulturowe w bibliotekach z Bajkowozem": (
            "міжкультурні майстер-класи в бібліотеках разом із Bajkowóz — пересувною бібліотекою "
            "книжок про різні культури"
        ),
        (
            "Otworzyć się jeszcze bardziej na różnorodność oraz wielokulturowość, szukając tego, "
            "co nas łączy."
        ): (
            "Ще більше відкритися до різноманіття й багатокультурності, шукаючи те, що нас "
            "об’єднує."
        ),
        "Znajdź najbliższe Centrum": "Знайдіть найближчий центр",
        "Adresy i godziny otwarcia": "Адреси та години роботи",
        "Informacja o ochronie danych osobowych": "Інформація про захист персональних даних",
        (
            "Jak przetwarzamy dane osób, które korzystają z naszych usług i zapisują się na "
            "zajęcia."
        ): (
            "Як ми обробляємо дані людей, які користуються нашими послугами та записуються на "
            "заняття."
        ),
        (
            "Administratorem danych osobowych osób, które korzystają z Centrów w Poznaniu, Kaliszu, "
            "Koninie, Lesznie i Pile, jest Regionalny Ośrodek Polityki Społecznej w Poznaniu, ul. "
            "Nowowiejskiego 11, 61-731 Poznań. Dane zbieramy tylko w zakresie potrzebnym do zapisu "
            "na zajęcia i kontaktu w ich sprawie i przechowujemy je nie dłużej, niż to konieczne."
        ): (
            "Адміністратором персональних даних осіб, які користуються послугами центрів у "
            "Познані, Каліші, Коніні, Лешні та Пілі, є Регіональний центр соціальної політики в "
            "Познані (Regionalny Ośrodek Polityki Społecznej w Poznaniu), ul. Nowowiejskiego 11, "
            "61-731 Poznań. Ми збираємо лише ті дані, які потрібні для запису на заняття та "
            "зв’язку щодо них, і зберігаємо їх не довше, ніж це необхідно."
        ),
        (
            "Administratorem danych osób, które korzystają z Centrum w Opolu i zapisują się na "
            "jego zajęcia, jest Wojewódzki Urząd Pracy w Opolu, który prowadzi to Centrum (ul. "
            "Damrota 7, Opole)."
        ): (
            "Адміністратором даних осіб, які користуються послугами центру в Ополі та "
            "записуються на його заняття, є Воєводське управління праці в Ополі (Wojewódzki Urząd "
            "Pracy w Opolu), яке керує цим центром (ul. Damrota 7, Opole)."
        ),
        (
            "Masz prawo dostępu do swoich danych, ich sprostowania i usunięcia. W sprawach danych "
            "osobowych skontaktuj się z Inspektorem Ochrony Danych Osobowych pod numerem 61 85 67 "
            "340."
        ): (
            "Ви маєте право на доступ до своїх даних, їх виправлення та видалення. З питань "
            "персональних даних звертайтеся до інспектора із захисту персональних даних за "
            "телефоном 61 85 67 340."
        ),
        (
            "Regionalny Ośrodek Polityki Społecznej w Poznaniu prowadzi Centra Integracji "
            "Cudzoziemców w Poznaniu, Kaliszu, Koninie, Lesznie i Pile. Centrum w Opolu prowadzi "
            "Wojewódzki Urząd Pracy w Opolu."
        ): (
            "Регіональний центр соціальної політики в Познані керує центрами інтеграції іноземців "
            "у Познані, Каліші, Коніні, Лешні та Пілі. Центром в Ополі керує Воєводське "
            "управління праці в Ополі."
        ),
    },
    "ru": {
        "Centra Integracji Cudzoziemców": "Центры интеграции иностранцев",
        (
            "Pięć Centrów Integracji Cudzoziemców w Wielkopolsce – w Poznaniu, Kaliszu, Koninie, "
            "Lesznie i Pile – oraz partnerskie Centrum w Opolu pomagają osobom z doświadczeniem "
            "migracji zamieszkać, pracować i uczyć się w Polsce."
        ): (
            "Пять центров интеграции иностранцев в Великопольше — в Познани, Калише, Конине, "
            "Лешно и Пиле — а также партнерский центр в Ополе помогают людям с опытом миграции "
            "обустроиться, работать и учиться в Польше."
        ),
        (
            "Wszystkie nasze działania są bezpłatne: punkt informacyjny, kursy języka polskiego i "
            "kursy adaptacyjne, wsparcie prawnika i psychologa, tłumaczenia, półkolonie i "
            "warsztaty dla dzieci."
        ): (
            "Все наши услуги бесплатны: информационный пункт, курсы польского языка и "
            "адаптационные курсы, помощь юриста и психолога, переводы, дневные лагеря и "
            "мастер-классы для детей."
        ),
        "Punkt Informacyjny": "Информационный пункт",
        (
            "W Punkcie Informacyjnym dowiesz się, jak załatwić najważniejsze sprawy po "
            "przyjeździe do Polski. Pomagamy po polsku, ukraińsku, rosyjsku i angielsku."
        ): (
            "В Информационном пункте вы узнаете, как решить самые важные вопросы после приезда в "
            "Польшу. Мы помогаем на польском, украинском, русском и английском языках."
        ),
        (
            "Doradcy międzykulturowi towarzyszą rodzinom w trudnych sytuacjach, chodzą z Tobą do "
            "lekarza, pomagają wypełnić dokumenty urzędowe i szukać mieszkania, a także umawiają "
            "spotkania z prawnikiem, psychologiem i doradcą zawodowym."
        ): (
            "Межкультурные консультанты сопровождают семьи в трудных ситуациях, ходят вместе с "
            "вами к врачу, помогают заполнить официальные документы и найти жилье, а также "
            "записывают на встречи с юристом, психологом и карьерным консультантом."
        ),
        "Legalizacja pobytu i obywatelstwo": "Легализация пребывания и гражданство",
        (
            "Jakie dokumenty są potrzebne, aby legalnie przebywać w Polsce i ubiegać się o "
            "obywatelstwo."
        ): (
            "Какие документы нужны, чтобы легально находиться в Польше и подать заявление на "
            "гражданство."
        ),
        "Od czego zacząć": "С чего начать",
        (
            "Podpowiemy, jakie zezwolenie na pobyt pasuje do Twojej sytuacji, jakie dokumenty "
            "przygotować i gdzie złożyć wniosek. W Centrum w Poznaniu odbywają się dyżury "
            "pracowników Wielkopolskiego Urzędu Wojewódzkiego."
        ): (
            "Подскажем, какое разрешение на пребывание подходит в вашей ситуации, какие документы "
            "подготовить и куда подать заявление. В центре в Познани ведут прием сотрудники "
            "Великопольского воеводского управления."
        ),
        "Praca i działalność gospodarcza": "Работа и предпринимательская деятельность",
        "Formy zatrudnienia, prawa pracownika i zakładanie własnej firmy.": (
            "Формы занятости, права работника и открытие собственной фирмы."
        ),
        (
            "Wyjaśnimy, czym różnią się umowy o pracę, zlecenie i o dzieło, jak zarejestrować "
            "działalność gospodarczą i gdzie szukać ofert pracy. Doradcy zawodowi Wojewódzkiego "
            "Urzędu Pracy prowadzą w Centrach dyżury."
        ): (
            "Объясним, чем отличаются трудовой договор (umowa o pracę), договор поручения (umowa "
            "zlecenie) и договор подряда (umowa o dzieło), как зарегистрировать "
            "предпринимательскую деятельность и где искать вакансии. Карьерные консультанты "
            "Воеводского управления труда ведут прием в центрах."
        ),
        "Opieka zdrowotna": "Медицинская помощь",
        "Jak korzystać z usług medycznych i rehabilitacyjnych w Polsce.": (
            "Как пользоваться медицинскими и реабилитационными услугами в Польше."
        ),
        (
            "Pomożemy zapisać się do lekarza rodzinnego, wyjaśnimy, jak działa ubezpieczenie "
            "zdrowotne, a doradca międzykulturowy może towarzyszyć Ci podczas wizyty."
        ): (
            "Поможем записаться к семейному врачу, объясним, как работает медицинское "
            "страхование, а межкультурный консультант может сопроводить вас на прием."
        ),
        "Wynajem i zakup mieszkania": "Аренда и покупка жилья",
        "Na co zwrócić uwagę, wynajmując lub kupując mieszkanie.": (
            "На что обратить внимание при аренде или покупке жилья."
        ),
        (
            "Podpowiemy, jak czytać umowę najmu, jakie opłaty są zwykle w niej ujęte i jak "
            "zgłosić swój adres zamieszkania."
        ): (
            "Подскажем, как читать договор аренды, какие платежи обычно в него включены и как "
            "зарегистрировать свой адрес проживания."
        ),
        "Konto w banku": "Счет в банке",
        "Jakie dokumenty są potrzebne, aby założyć konto bankowe.": (
            "Какие документы нужны, чтобы открыть банковский счет."
        ),
        (
            "Wyjaśnimy, jakie dokumenty przygotować, aby otworzyć konto w polskim banku, i jak "
            "bezpiecznie korzystać z bankowości internetowej."
        ): (
            "Объясним, какие документы подготовить, чтобы открыть счет в польском банке, и как "
            "безопасно пользоваться интернет-банкингом."
        ),
        "Uznawanie wykształcenia": "Признание документов об образовании",
        "Jak uznać w Polsce świadectwo lub dyplom zdobyty za granicą.": (
            "Как добиться признания в Польше аттестата или диплома, полученного за границей."
        ),
        (
            "Podpowiemy, gdzie złożyć wniosek o uznanie świadectwa szkolnego lub dyplomu i jak "
            "przygotować tłumaczenie przysięgłe dokumentów."
        ): (
            "Подскажем, куда подать заявление о признании школьного аттестата или диплома и как "
            "подготовить присяжный перевод документов."
        ),
        "Nasze Centra": "Наши центры",
        (
            "Centra są czynne 5 dni w tygodniu, co najmniej jeden dzień do 19:00, oraz w wybrane "
            "soboty. Wszystkie usługi są bezpłatne."
        ): (
            "Центры открыты 5 дней в неделю, как минимум один день — до 19:00, а также в "
            "отдельные субботы. Все услуги бесплатны."
        ),
        "CIC Poznań": "CIC Познань",
        (
            "Centrum w stolicy regionu. Tu odbywają się kursy języka polskiego od A1 do B2, "
            "dyżury pracowników Urzędu Wojewódzkiego i sierpniowy speaking club dla dzieci i "
            "młodzieży."
        ): (
            "Центр в столице региона. Здесь проходят курсы польского языка от уровня A1 до B2, "
            "прием сотрудников воеводского управления и августовский разговорный клуб для детей и "
            "молодежи."
        ),
        "Poznań": "Познань",
        "Soboty otwarte: terminy w kalendarzu wydarzeń.": (
            "Открытые субботы: даты — в календаре событий."
        ),
        "CIC Kalisz": "CIC Калиш",
        "Pierwsze z pięciu Centrów w Wielkopolsce, otwarte 7 marca 2022 roku.": (
            "Первый из пяти центров в Великопольше, открыт 7 марта 2022 года."
        ),
        "Kalisz": "Калиш",
        "CIC Konin": "CIC Конин",
        "Punkt informacyjny, kursy i warsztaty dla dzieci i dorosłych w Koninie.": (
            "Информационный пункт, курсы и мастер-классы для детей и взрослых в Конине."
        ),
        "Konin": "Конин",
        "CIC Leszno": "CIC Лешно",
        "Punkt informacyjny, kursy i warsztaty dla dzieci i dorosłych w Lesznie.": (
            "Информационный пункт, курсы и мастер-классы для детей и взрослых в Лешно."
        ),
        "Leszno": "Лешно",
        "CIC Piła": "CIC Пила",
        "Punkt informacyjny, kursy i warsztaty dla dzieci i dorosłych w Pile.": (
            "Информационный пункт, курсы и мастер-классы для детей и взрослых в Пиле."
        ),
        "Piła": "Пила",
        "CIC Opole": "CIC Ополе",
        (
            "Centrum prowadzone przez Wojewódzki Urząd Pracy w Opolu, otwarte 10 marca 2022 roku. "
            "Pomagamy po polsku, rosyjsku, ukraińsku i angielsku."
        ): (
            "Центр, которым руководит Воеводское управление труда в Ополе, открылся 10 марта 2022 "
            "года. Помогаем на польском, русском, украинском и английском языках."
        ),
        "Opole": "Ополе",
        "Aktualności": "Новости",
        "Wiadomości z Centrów Integracji Cudzoziemców.": "Новости центров интеграции иностранцев.",
        "Pierwsze urodziny Centrum w Opolu": "Первый день рождения центра в Ополе",
        (
            "10 marca 2023 roku razem z partnerami i uczestnikami świętowaliśmy pierwsze urodziny "
            "Centrum Integracji Cudzoziemców w Opolu."
        ): (
            "10 марта 2023 года вместе с партнерами и участниками мы отпраздновали первый день "
            "рождения Центра интеграции иностранцев в Ополе."
        ),
        (
            "W ciągu roku pomogliśmy blisko 900 osobom, z czego ponad 80% stanowili dorośli. "
            "Większość to obywatele Ukrainy, ale także Mołdawii, Białorusi, Rosji, Kuby, Gruzji, "
            "Turcji, Chin, Maroka, Afganistanu, Nigerii, Indii i Kazachstanu."
        ): (
            "За год мы помогли почти 900 людям, более 80% из них — взрослые. Большинство — "
            "граждане Украины, но также Молдовы, Беларуси, России, Кубы, Грузии, Турции, Китая, "
            "Марокко, Афганистана, Нигерии, Индии и Казахстана."
        ),
        "blisko 100 porad psychologicznych i ponad 200 porad prawnych": (
            "почти 100 психологических и более 200 юридических консультаций"
        ),
        "ponad 70 osób skorzystało z pomocy doradcy zawodowego": (
            "более 70 человек воспользовались помощью карьерного консультанта"
        ),
        (
            "kursy języka polskiego ukończyło ponad 180 dorosłych i 50 dzieci, a kurs polskiego "
            "medycznego 80 osób"
        ): (
            "курсы польского языка окончили более 180 взрослых и 50 детей, а курс медицинского "
            "польского — 80 человек"
        ),
        "około 800 stron tłumaczeń przysięgłych": "около 800 страниц присяжных переводов",
        "120 osób na kursach adaptacyjnych": "120 участников адаптационных курсов",
        (
            "Urodziny uświetnili muzycy i teatr. W ciągu roku odbył się też międzynarodowy piknik "
            "rodzinny „Opolskie gościnne” (blisko 2000 osób) i spotkanie w kinie Meduza."
        ): (
            "Праздник украсили выступления музыкантов и театра. В течение года также прошли "
            "международный семейный пикник «Opolskie gościnne» (почти 2000 участников) и встреча "
            "в кинотеатре «Meduza»."
        ),
        "Otwarcie Centrum Integracji Cudzoziemców w Kaliszu": (
            "Открытие Центра интеграции иностранцев в Калише"
        ),
        (
            "7 marca 2022 roku przy ulicy Nowy Świat 13 otwarto Kaliskie Centrum Integracji "
            "Cudzoziemców – pierwsze z pięciu takich placówek w Wielkopolsce."
        ): (
            "7 марта 2022 года по адресу ul. Nowy Świat 13 открылся Калишский центр интеграции "
            "иностранцев — первый из пяти таких центров в Великопольше."
        ),
        (
            "Centrum prowadzi punkt informacyjny, organizuje kursy języka polskiego i kursy "
            "adaptacyjne, zapewnia wsparcie doradców międzykulturowych, prawnika i psychologa "
            "oraz zajęcia integracyjne dla dzieci i dorosłych."
        ): (
            "Центр располагает информационным пунктом, организует курсы польского языка и "
            "адаптационные курсы, предоставляет помощь межкультурных консультантов, юриста и "
            "психолога, а также проводит интеграционные занятия для детей и взрослых."
        ),
        (
            "Zapraszamy od poniedziałku do piątku w godzinach 7:30–15:30, osobiście, "
            "telefonicznie pod numerem 887 069 112 i mailowo."
        ): (
            "Обращайтесь с понедельника по пятницу с 7:30 до 15:30 — лично, по телефону 887 069 "
            "112 или по электронной почте."
        ),
        "Półkolonie letnie we wszystkich Centrach": "Летние дневные лагеря во всех центрах",
        (
            "W lipcu i sierpniu zapraszamy dzieci w wieku szkolnym na bezpłatne półkolonie we "
            "wszystkich pięciu Centrach w Wielkopolsce."
        ): (
            "В июле и августе приглашаем детей школьного возраста в бесплатные дневные лагеря во "
            "всех пяти центрах в Великопольше."
        ),
        (
            "W programie warsztaty językowe, wycieczki do Poznania, gry i zabawy. Pierwsze "
            "turnusy odbędą się w subregionach, drugie w Poznaniu. W zeszłym roku wzięło w nich "
            "udział około 150 dzieci."
        ): (
            "В программе — языковые занятия, экскурсии в Познань, игры и развлечения. Первые "
            "смены пройдут в Калише, Конине, Лешно и Пиле, вторые — в Познани. В прошлом году в "
            "них приняли участие около 150 детей."
        ),
        "O nas": "О нас",
        (
            "Centra Integracji Cudzoziemców skupiają w jednym miejscu punkt informacyjny, kursy "
            "języka polskiego, kursy adaptacyjne i działania integracyjne."
        ): (
            "Центры интеграции иностранцев объединяют в одном месте информационный пункт, курсы "
            "польского языка, адаптационные курсы и интеграционные мероприятия."
        ),
        "Co robimy": "Что мы делаем",
        (
            "W pierwszym roku działalności Centra wsparły przede wszystkim obywateli Ukrainy "
            "uciekających przed wojną. Od początku działalności udzieliły wsparcia około 4000 "
            "osobom z doświadczeniem migracji – z Ukrainy, Gruzji, Azerbejdżanu, Turcji i krajów "
            "Ameryki Łacińskiej."
        ): (
            "В первый год работы центры поддерживали прежде всего граждан Украины, бежавших от "
            "войны. С начала работы они оказали поддержку примерно 4000 людям с опытом миграции — "
            "из Украины, Грузии, Азербайджана, Турции и стран Латинской Америки."
        ),
        "kursy języka polskiego od poziomu A1 do B2": "курсы польского языка от уровня A1 до B2",
        (
            "kursy adaptacyjne: rynek pracy, ubezpieczenia, opieka zdrowotna, pomoc społeczna, "
            "kultura i tradycja polska"
        ): (
            "адаптационные курсы: рынок труда, страхование, здравоохранение, социальная помощь, "
            "польская культура и традиции"
        ),
        "wsparcie prawnika i psychologa": "помощь юриста и психолога",
        "tłumaczenia przysięgłe dokumentów": "присяжные переводы документов",
        "półkolonie dla dzieci w lipcu i sierpniu": "дневные лагеря для детей в июле и августе",
        "warsztaty międzykulturowe w bibliotekach z Bajkowozem": (
            "межкультурные мастер-классы в библиотеках вместе с Bajkowóz — передвижной "
            "библиотекой книг о разных культурах"
        ),
        (
            "Otworzyć się jeszcze bardziej na różnorodność oraz wielokulturowość, szukając tego, "
            "co nas łączy."
        ): (
            "Еще больше открыться разнообразию и многокультурности в поисках того, что нас "
            "объединяет."
        ),
        "Znajdź najbliższe Centrum": "Найдите ближайший центр",
        "Adresy i godziny otwarcia": "Адреса и часы работы",
        "Informacja o ochronie danych osobowych": "Информация о защите персональных данных",
        (
            "Jak przetwarzamy dane osób, które korzystają z naszych usług i zapisują się na "
            "zajęcia."
        ): (
            "Как мы обрабатываем данные людей, которые пользуются нашими услугами и записываются "
            "на занятия."
        ),
        (
            "Administratorem danych osobowych osób, które korzystają z Centrów w Poznaniu, Kaliszu, "
            "Koninie, Lesznie i Pile, jest Regionalny Ośrodek Polityki Społecznej w Poznaniu, ul. "
            "Nowowiejskiego 11, 61-731 Poznań. Dane zbieramy tylko w zakresie potrzebnym do zapisu "
            "na zajęcia i kontaktu w ich sprawie i przechowujemy je nie dłużej, niż to konieczne."
        ): (
            "Администратором персональных данных лиц, которые пользуются услугами центров в "
            "Познани, Калише, Конине, Лешно и Пиле, является Региональный центр социальной "
            "политики в Познани (Regionalny Ośrodek Polityki Społecznej w Poznaniu), ul. "
            "Nowowiejskiego 11, 61-731 Poznań. Мы собираем только те данные, которые нужны для "
            "записи на занятия и связи по их поводу, и храним их не дольше, чем необходимо."
        ),
        (
            "Administratorem danych osób, które korzystają z Centrum w Opolu i zapisują się na "
            "jego zajęcia, jest Wojewódzki Urząd Pracy w Opolu, który prowadzi to Centrum (ul. "
            "Damrota 7, Opole)."
        ): (
            "Администратором данных лиц, которые пользуются услугами центра в Ополе и "
            "записываются на его занятия, является Воеводское управление труда в Ополе "
            "(Wojewódzki Urząd Pracy w Opolu), которое руководит этим центром (ul. Damrota 7, "
            "Opole)."
        ),
        (
            "Masz prawo dostępu do swoich danych, ich sprostowania i usunięcia. W sprawach danych "
            "osobowych skontaktuj się z Inspektorem Ochrony Danych Osobowych pod numerem 61 85 67 "
            "340."
        ): (
            "Вы имеете право на доступ к своим данным, их исправление и удаление. По вопросам "
            "персональных данных обращайтесь к инспектору по защите персональных данных по "
            "телефону 61 85 67 340."
        ),
        (
            "Regionalny Ośrodek Polityki Społecznej w Poznaniu prowadzi Centra Integracji "
            "Cudzoziemców w Poznaniu, Kaliszu, Koninie, Lesznie i Pile. Centrum w Opolu prowadzi "
            "Wojewódzki Urząd Pracy w Opolu."
        ): (
            "Региональный центр социальной политики в Познани руководит центрами интеграции "
            "иностранцев в Познани, Калише, Конине, Лешно и Пиле. Центром в Ополе руководит "
            "Воеводское управление труда в Ополе."
        ),
    },
    "en": {
        "Centra Integracji Cudzoziemców": "Foreigner Integration Centres",
        (
            "Pięć Centrów Integracji Cudzoziemców w Wielkopolsce – w Poznaniu, Kaliszu, Koninie, "
            "Lesznie i Pile – oraz partnerskie Centrum w Opolu pomagają osobom z doświadczeniem "
            "migracji zamieszkać, pracować i uczyć się w Polsce."
        ): (
            "Five Foreigner Integration Centres in Wielkopolska – in Poznań, Kalisz, Konin, "
            "Leszno and Piła – and a partner centre in Opole help people with a migration "
            "background settle, work and study in Poland."
        ),
        (
            "Wszystkie nasze działania są bezpłatne: punkt informacyjny, kursy języka polskiego i "
            "kursy adaptacyjne, wsparcie prawnika i psychologa, tłumaczenia, półkolonie i "
            "warsztaty dla dzieci."
        ): (
            "All our services are free of charge: the Information Point, Polish language courses "
            "and adaptation courses, support from a lawyer and a psychologist, translations, day "
            "camps and workshops for children."
        ),
        "Punkt Informacyjny": "Information Point",
        (
            "W Punkcie Informacyjnym dowiesz się, jak załatwić najważniejsze sprawy po "
            "przyjeździe do Polski. Pomagamy po polsku, ukraińsku, rosyjsku i angielsku."
        ): (
            "At the Information Point you can find out how to deal with the most important "
            "matters after arriving in Poland. We help in Polish, Ukrainian, Russian and English."
        ),
        (
            "Doradcy międzykulturowi towarzyszą rodzinom w trudnych sytuacjach, chodzą z Tobą do "
            "lekarza, pomagają wypełnić dokumenty urzędowe i szukać mieszkania, a także umawiają "
            "spotkania z prawnikiem, psychologiem i doradcą zawodowym."
        ): (
            "Intercultural advisers accompany families through difficult situations, go with you "
            "to the doctor, help you fill in official forms and look for a place to live, and "
            "arrange appointments with a lawyer, a psychologist and a career adviser."
        ),
        "Legalizacja pobytu i obywatelstwo": "Legal residence and citizenship",
        (
            "Jakie dokumenty są potrzebne, aby legalnie przebywać w Polsce i ubiegać się o "
            "obywatelstwo."
        ): "Which documents you need to stay in Poland legally and to apply for citizenship.",
        "Od czego zacząć": "Where to start",
        (
            "Podpowiemy, jakie zezwolenie na pobyt pasuje do Twojej sytuacji, jakie dokumenty "
            "przygotować i gdzie złożyć wniosek. W Centrum w Poznaniu odbywają się dyżury "
            "pracowników Wielkopolskiego Urzędu Wojewódzkiego."
        ): (
            "We will tell you which residence permit suits your situation, which documents to "
            "prepare and where to apply. Staff from the Wielkopolska Voivodeship Office hold "
            "consultation hours at the centre in Poznań."
        ),
        "Praca i działalność gospodarcza": "Work and running a business",
        "Formy zatrudnienia, prawa pracownika i zakładanie własnej firmy.": (
            "Types of employment, employee rights and starting your own business."
        ),
        (
            "Wyjaśnimy, czym różnią się umowy o pracę, zlecenie i o dzieło, jak zarejestrować "
            "działalność gospodarczą i gdzie szukać ofert pracy. Doradcy zawodowi Wojewódzkiego "
            "Urzędu Pracy prowadzą w Centrach dyżury."
        ): (
            "We will explain the difference between an employment contract (umowa o pracę), a "
            "contract of mandate (umowa zlecenie) and a contract for specific work (umowa o "
            "dzieło), how to register a business and where to look for jobs. Career advisers from "
            "the Voivodeship Labour Office hold consultation hours at the centres."
        ),
        "Opieka zdrowotna": "Healthcare",
        "Jak korzystać z usług medycznych i rehabilitacyjnych w Polsce.": (
            "How to use medical and rehabilitation services in Poland."
        ),
        (
            "Pomożemy zapisać się do lekarza rodzinnego, wyjaśnimy, jak działa ubezpieczenie "
            "zdrowotne, a doradca międzykulturowy może towarzyszyć Ci podczas wizyty."
        ): (
            "We will help you register with a family doctor and explain how health insurance "
            "works, and an intercultural adviser can go with you to your appointment."
        ),
        "Wynajem i zakup mieszkania": "Renting or buying a flat",
        "Na co zwrócić uwagę, wynajmując lub kupując mieszkanie.": (
            "What to look out for when renting or buying a flat."
        ),
        (
            "Podpowiemy, jak czytać umowę najmu, jakie opłaty są zwykle w niej ujęte i jak "
            "zgłosić swój adres zamieszkania."
        ): (
            "We will show you how to read a tenancy agreement, which charges it usually includes "
            "and how to register your address."
        ),
        "Konto w banku": "Bank account",
        "Jakie dokumenty są potrzebne, aby założyć konto bankowe.": (
            "Which documents you need to open a bank account."
        ),
        (
            "Wyjaśnimy, jakie dokumenty przygotować, aby otworzyć konto w polskim banku, i jak "
            "bezpiecznie korzystać z bankowości internetowej."
        ): (
            "We will explain which documents to prepare to open an account with a Polish bank and "
            "how to use online banking safely."
        ),
        "Uznawanie wykształcenia": "Recognition of qualifications",
        "Jak uznać w Polsce świadectwo lub dyplom zdobyty za granicą.": (
            "How to have a school certificate or diploma obtained abroad recognised in Poland."
        ),
        (
            "Podpowiemy, gdzie złożyć wniosek o uznanie świadectwa szkolnego lub dyplomu i jak "
            "przygotować tłumaczenie przysięgłe dokumentów."
        ): (
            "We will tell you where to apply for recognition of a school certificate or diploma "
            "and how to get a sworn translation of your documents."
        ),
        "Nasze Centra": "Our centres",
        (
            "Centra są czynne 5 dni w tygodniu, co najmniej jeden dzień do 19:00, oraz w wybrane "
            "soboty. Wszystkie usługi są bezpłatne."
        ): (
            "The centres are open 5 days a week, until 19:00 on at least one day, and on selected "
            "Saturdays. All services are free of charge."
        ),
        "CIC Poznań": "CIC Poznań",
        (
            "Centrum w stolicy regionu. Tu odbywają się kursy języka polskiego od A1 do B2, "
            "dyżury pracowników Urzędu Wojewódzkiego i sierpniowy speaking club dla dzieci i "
            "młodzieży."
        ): (
            "Our centre in the regional capital. It runs Polish language courses from A1 to B2, "
            "consultation hours with Voivodeship Office staff and a speaking club for children "
            "and young people in August."
        ),
        "Poznań": "Poznań",
        "Soboty otwarte: terminy w kalendarzu wydarzeń.": (
            "Open Saturdays: see the dates in the events calendar."
        ),
        "CIC Kalisz": "CIC Kalisz",
        "Pierwsze z pięciu Centrów w Wielkopolsce, otwarte 7 marca 2022 roku.": (
            "The first of the five centres in Wielkopolska, opened on 7 March 2022."
        ),
        "Kalisz": "Kalisz",
        "CIC Konin": "CIC Konin",
        "Punkt informacyjny, kursy i warsztaty dla dzieci i dorosłych w Koninie.": (
            "Information point, courses and workshops for children and adults in Konin."
        ),
        "Konin": "Konin",
        "CIC Leszno": "CIC Leszno",
        "Punkt informacyjny, kursy i warsztaty dla dzieci i dorosłych w Lesznie.": (
            "Information point, courses and workshops for children and adults in Leszno."
        ),
        "Leszno": "Leszno",
        "CIC Piła": "CIC Piła",
        "Punkt informacyjny, kursy i warsztaty dla dzieci i dorosłych w Pile.": (
            "Information point, courses and workshops for children and adults in Piła."
        ),
        "Piła": "Piła",
        "CIC Opole": "CIC Opole",
        (
            "Centrum prowadzone przez Wojewódzki Urząd Pracy w Opolu, otwarte 10 marca 2022 roku. "
            "Pomagamy po polsku, rosyjsku, ukraińsku i angielsku."
        ): (
            "Run by the Voivodeship Labour Office in Opole, the centre opened on 10 March 2022. "
            "We help in Polish, Russian, Ukrainian and English."
        ),
        "Opole": "Opole",
        "Aktualności": "News",
        "Wiadomości z Centrów Integracji Cudzoziemców.": (
            "News from the Foreigner Integration Centres."
        ),
        "Pierwsze urodziny Centrum w Opolu": "The Opole centre's first birthday",
        (
            "10 marca 2023 roku razem z partnerami i uczestnikami świętowaliśmy pierwsze urodziny "
            "Centrum Integracji Cudzoziemców w Opolu."
        ): (
            "On 10 March 2023, together with our partners and participants, we celebrated the "
            "first birthday of the Foreigner Integration Centre in Opole."
        ),
        (
            "W ciągu roku pomogliśmy blisko 900 osobom, z czego ponad 80% stanowili dorośli. "
            "Większość to obywatele Ukrainy, ale także Mołdawii, Białorusi, Rosji, Kuby, Gruzji, "
            "Turcji, Chin, Maroka, Afganistanu, Nigerii, Indii i Kazachstanu."
        ): (
            "Over the year we helped nearly 900 people, more than 80% of them adults. Most were "
            "citizens of Ukraine, but also of Moldova, Belarus, Russia, Cuba, Georgia, Turkey, "
            "China, Morocco, Afghanistan, Nigeria, India and Kazakhstan."
        ),
        "blisko 100 porad psychologicznych i ponad 200 porad prawnych": (
            "nearly 100 psychological and more than 200 legal consultations"
        ),
        "ponad 70 osób skorzystało z pomocy doradcy zawodowego": (
            "more than 70 people received help from a career adviser"
        ),
        (
            "kursy języka polskiego ukończyło ponad 180 dorosłych i 50 dzieci, a kurs polskiego "
            "medycznego 80 osób"
        ): (
            "more than 180 adults and 50 children completed Polish language courses, and 80 "
            "people completed a course in medical Polish"
        ),
        "około 800 stron tłumaczeń przysięgłych": "around 800 pages of sworn translations",
        "120 osób na kursach adaptacyjnych": "120 people on adaptation courses",
        (
            "Urodziny uświetnili muzycy i teatr. W ciągu roku odbył się też międzynarodowy piknik "
            "rodzinny „Opolskie gościnne” (blisko 2000 osób) i spotkanie w kinie Meduza."
        ): (
            "Musicians and a theatre performance made the birthday special. During the year there "
            "were also the international family picnic “Opolskie gościnne” (nearly 2000 people) "
            "and a meeting at the Meduza cinema."
        ),
        "Otwarcie Centrum Integracji Cudzoziemców w Kaliszu": (
            "Foreigner Integration Centre opens in Kalisz"
        ),
        (
            "7 marca 2022 roku przy ulicy Nowy Świat 13 otwarto Kaliskie Centrum Integracji "
            "Cudzoziemców – pierwsze z pięciu takich placówek w Wielkopolsce."
        ): (
            "On 7 March 2022 the Kalisz Foreigner Integration Centre opened at ul. Nowy Świat 13 "
            "– the first of five such centres in Wielkopolska."
        ),
        (
            "Centrum prowadzi punkt informacyjny, organizuje kursy języka polskiego i kursy "
            "adaptacyjne, zapewnia wsparcie doradców międzykulturowych, prawnika i psychologa "
            "oraz zajęcia integracyjne dla dzieci i dorosłych."
        ): (
            "The centre runs an information point, organises Polish language courses and "
            "adaptation courses, provides support from intercultural advisers, a lawyer and a "
            "psychologist, and holds integration activities for children and adults."
        ),
        (
            "Zapraszamy od poniedziałku do piątku w godzinach 7:30–15:30, osobiście, "
            "telefonicznie pod numerem 887 069 112 i mailowo."
        ): (
            "Contact us Monday to Friday, 7:30–15:30, in person, by phone on 887 069 112 or by "
            "e-mail."
        ),
        "Półkolonie letnie we wszystkich Centrach": "Summer day camps at all centres",
        (
            "W lipcu i sierpniu zapraszamy dzieci w wieku szkolnym na bezpłatne półkolonie we "
            "wszystkich pięciu Centrach w Wielkopolsce."
        ): (
            "In July and August we invite school-age children to free day camps at all five "
            "centres in Wielkopolska."
        ),
        (
            "W programie warsztaty językowe, wycieczki do Poznania, gry i zabawy. Pierwsze "
            "turnusy odbędą się w subregionach, drugie w Poznaniu. W zeszłym roku wzięło w nich "
            "udział około 150 dzieci."
        ): (
            "The programme includes language workshops, trips to Poznań, games and fun "
            "activities. The first sessions will take place in Kalisz, Konin, Leszno and Piła, "
            "the second in Poznań. Last year about 150 children took part."
        ),
        "O nas": "About us",
        (
            "Centra Integracji Cudzoziemców skupiają w jednym miejscu punkt informacyjny, kursy "
            "języka polskiego, kursy adaptacyjne i działania integracyjne."
        ): (
            "The Foreigner Integration Centres bring together an information point, Polish "
            "language courses, adaptation courses and integration activities in one place."
        ),
        "Co robimy": "What we do",
        (
            "W pierwszym roku działalności Centra wsparły przede wszystkim obywateli Ukrainy "
            "uciekających przed wojną. Od początku działalności udzieliły wsparcia około 4000 "
            "osobom z doświadczeniem migracji – z Ukrainy, Gruzji, Azerbejdżanu, Turcji i krajów "
            "Ameryki Łacińskiej."
        ): (
            "In their first year the centres mainly supported Ukrainian citizens fleeing the war. "
            "Since they opened, they have supported around 4000 people with a migration "
            "background – from Ukraine, Georgia, Azerbaijan, Turkey and Latin American countries."
        ),
        "kursy języka polskiego od poziomu A1 do B2": (
            "Polish language courses from level A1 to B2"
        ),
        (
            "kursy adaptacyjne: rynek pracy, ubezpieczenia, opieka zdrowotna, pomoc społeczna, "
            "kultura i tradycja polska"
        ): (
            "adaptation courses: the labour market, insurance, healthcare, social assistance, "
            "Polish culture and traditions"
        ),
        "wsparcie prawnika i psychologa": "support from a lawyer and a psychologist",
        "tłumaczenia przysięgłe dokumentów": "sworn translations of documents",
        "półkolonie dla dzieci w lipcu i sierpniu": "day camps for children in July and August",
        "warsztaty międzykulturowe w bibliotekach z Bajkowozem": (
            "intercultural workshops in libraries with Bajkowóz, a mobile library of books about "
            "different cultures"
        ),
        (
            "Otworzyć się jeszcze bardziej na różnorodność oraz wielokulturowość, szukając tego, "
            "co nas łączy."
        ): "To open up even more to diversity and multiculturalism, looking for what unites us.",
        "Znajdź najbliższe Centrum": "Find your nearest centre",
        "Adresy i godziny otwarcia": "Addresses and opening hours",
        "Informacja o ochronie danych osobowych": "Privacy notice",
        (
            "Jak przetwarzamy dane osób, które korzystają z naszych usług i zapisują się na "
            "zajęcia."
        ): "How we process the data of people who use our services and sign up for activities.",
        (
            "Administratorem danych osobowych osób, które korzystają z Centrów w Poznaniu, Kaliszu, "
            "Koninie, Lesznie i Pile, jest Regionalny Ośrodek Polityki Społecznej w Poznaniu, ul. "
            "Nowowiejskiego 11, 61-731 Poznań. Dane zbieramy tylko w zakresie potrzebnym do zapisu "
            "na zajęcia i kontaktu w ich sprawie i przechowujemy je nie dłużej, niż to konieczne."
        ): (
            "The controller of the personal data of people who use the centres in Poznań, "
            "Kalisz, Konin, Leszno and Piła is the Regional Centre for Social Policy in Poznań "
            "(Regionalny Ośrodek Polityki Społecznej w Poznaniu), ul. Nowowiejskiego 11, 61-731 "
            "Poznań. We collect only the data needed to sign you up for activities and contact "
            "you about them, and we keep it no longer than necessary."
        ),
        (
            "Administratorem danych osób, które korzystają z Centrum w Opolu i zapisują się na "
            "jego zajęcia, jest Wojewódzki Urząd Pracy w Opolu, który prowadzi to Centrum (ul. "
            "Damrota 7, Opole)."
        ): (
            "For people who use the centre in Opole and sign up for its activities, the "
            "controller of their data is the Regional Labour Office in Opole (Wojewódzki Urząd "
            "Pracy w Opolu), which runs that centre (ul. Damrota 7, Opole)."
        ),
        (
            "Masz prawo dostępu do swoich danych, ich sprostowania i usunięcia. W sprawach danych "
            "osobowych skontaktuj się z Inspektorem Ochrony Danych Osobowych pod numerem 61 85 67 "
            "340."
        ): (
            "You have the right to access, correct and delete your data. For questions about "
            "personal data, contact the Data Protection Officer on 61 85 67 340."
        ),
        (
            "Regionalny Ośrodek Polityki Społecznej w Poznaniu prowadzi Centra Integracji "
            "Cudzoziemców w Poznaniu, Kaliszu, Koninie, Lesznie i Pile. Centrum w Opolu prowadzi "
            "Wojewódzki Urząd Pracy w Opolu."
        ): (
            "The Regional Centre for Social Policy in Poznań runs the Foreigner Integration "
            "Centres in Poznań, Kalisz, Konin, Leszno and Piła. The centre in Opole is run by the "
            "Voivodeship Labour Office in Opole."
        ),
    },
}

# The demo calendar (calendar.py): categories, venues, programmes and sessions.
CALENDAR = [
    # (Polish, Ukrainian, Russian, English)
    ("Kino", "Кіно", "Кино", "Cinema"),
    ("Kurs adaptacyjny", "Адаптаційний курс", "Адаптационный курс", "Adaptation course"),
    ("Kurs języka polskiego", "Курс польської мови", "Курс польского языка", "Polish course"),
    ("Piknik rodzinny", "Сімейний пікнік", "Семейный пикник", "Family picnic"),
    ("Półkolonie", "Денні табори", "Городские лагеря", "Half-day camps"),
    ("Speaking club", "Розмовний клуб", "Разговорный клуб", "Speaking club"),
    (
        "Warsztaty w bibliotece",
        "Майстер-класи в бібліотеці",
        "Мастер-классы в библиотеке",
        "Library workshops",
    ),
    ("Święto", "Свято", "Праздник", "Celebration"),
    # Partner libraries (calendar.LIBRARIES)
    (
        "Miejska Biblioteka Publiczna im. Adama Asnyka",
        "Міська публічна бібліотека імені Адама Асника",
        "Городская публичная библиотека имени Адама Асныка",
        "Adam Asnyk Municipal Public Library",
    ),
    (
        "Powiatowa i Miejska Biblioteka Publiczna im. Pantaleona Szumana",
        "Повітова і міська публічна бібліотека імені Панталеона Шумана",
        "Районная и городская публичная библиотека имени Панталеона Шумана",
        "Pantaleon Szuman County and Municipal Public Library",
    ),
    (
        "Biblioteka publiczna w Golinie",
        "Публічна бібліотека в Голіні",
        "Публичная библиотека в Голине",
        "Golina public library",
    ),
    (
        "Biblioteka publiczna w Pleszewie",
        "Публічна бібліотека в Плешеві",
        "Публичная библиотека в Плешеве",
        "Pleszew public library",
    ),
    (
        "Biblioteka Raczyńskich",
        "Бібліотека Рачинських",
        "Библиотека Рачинских",
        "Raczyński Library",
    ),
    (
        "Miejska Biblioteka Publiczna im. Zofii Urbanowskiej",
        "Міська публічна бібліотека імені Зофії Урбановської",
        "Городская публичная библиотека имени Зофьи Урбановской",
        "Zofia Urbanowska Municipal Public Library",
    ),
    (
        "Miejska Biblioteka Publiczna im. Stanisława Grochowiaka",
        "Міська публічна бібліотека імені Станіслава Гроховяка",
        "Городская публичная библиотека имени Станислава Гроховяка",
        "Stanisław Grochowiak Municipal Public Library",
    ),
    (
        "Biblioteka publiczna w Krzywiniu",
        "Публічна бібліотека в Кшивіні",
        "Публичная библиотека в Кшивине",
        "Krzywiń public library",
    ),
    (
        "Biblioteka publiczna w Środzie Wielkopolskiej",
        "Публічна бібліотека в Сьроді-Велькопольській",
        "Публичная библиотека в Сьроде-Велькопольской",
        "Środa Wielkopolska public library",
    ),
    (
        "Biblioteka publiczna w Białośliwiu",
        "Публічна бібліотека в Бялосьліві",
        "Публичная библиотека в Бялосьливе",
        "Białośliwie public library",
    ),
    ("Białośliwie", "Бялосьлівє", "Бялосьливе", "Białośliwie"),
    ("Golina", "Голіна", "Голина", "Golina"),
    ("Krzywiń", "Кшивінь", "Кшивинь", "Krzywiń"),
    ("Pleszew", "Плешев", "Плешев", "Pleszew"),
    ("Środa Wielkopolska", "Сьрода-Велькопольська", "Сьрода-Велькопольска", "Środa Wielkopolska"),
    ("Kino Meduza", "Кінотеатр «Meduza»", "Кинотеатр «Meduza»", "Meduza cinema"),
    (
        "Plener w Opolu",
        "Під відкритим небом в Ополе",
        "Под открытым небом в Ополе",
        "Outdoors in Opole",
    ),
    ("Kalendarz", "Календар", "Календарь", "Calendar"),
    (
        "Wydarzenia, warsztaty i kursy w naszych Centrach. Wszystko bezpłatnie.",
        "Події, майстер-класи та курси в наших центрах. Усе безкоштовно.",
        "События, мастер-классы и курсы в наших центрах. Всё бесплатно.",
        "Events, workshops and courses at our centres. All free of charge.",
    ),
    (
        "Spotkanie w kinie Meduza",
        "Зустріч у кінотеатрі «Meduza»",
        "Встреча в кинотеатре «Meduza»",
        "An evening at the Meduza cinema",
    ),
    (
        "Wspólny seans i rozmowa po filmie dla dorosłych i rodzin.",
        "Спільний перегляд фільму й розмова після нього для дорослих і родин.",
        "Совместный просмотр фильма и разговор после него для взрослых и семей.",
        "A film together and a talk afterwards, for adults and families.",
    ),
    (
        "Piknik rodzinny „Opolskie gościnne”",
        "Сімейний пікнік «Opolskie gościnne»",
        "Семейный пикник «Opolskie gościnne»",
        "“Opolskie gościnne” family picnic",
    ),
    (
        "Międzynarodowy piknik rodzinny: muzyka, kuchnie świata i zabawy dla dzieci.",
        "Міжнародний сімейний пікнік: музика, кухні світу та ігри для дітей.",
        "Международный семейный пикник: музыка, кухни мира и игры для детей.",
        "An international family picnic: music, food from around the world and games for children.",
    ),
    (
        "Urodziny Centrum w Opolu",
        "День народження центру в Ополе",
        "День рождения центра в Ополе",
        "The Opole centre's birthday",
    ),
    (
        "Świętujemy kolejny rok Centrum: koncert i spektakl dla całych rodzin.",
        "Святкуємо ще один рік центру: концерт і вистава для всієї родини.",
        "Празднуем ещё один год центра: концерт и спектакль для всей семьи.",
        "Celebrating another year of the centre: a concert and a play for the whole family.",
    ),
    (
        "Przeniesione do większej sali na parterze.",
        "Перенесено до більшої зали на першому поверсі.",
        "Перенесено в больший зал на первом этаже.",
        "Moved to the larger room on the ground floor.",
    ),
    (
        "Półkolonie dla dzieci",
        "Денний табір для дітей",
        "Городской лагерь для детей",
        "Half-day camp for children",
    ),
    (
        "Tydzień zabaw, warsztatów językowych i wycieczek dla dzieci w wieku szkolnym.",
        "Тиждень ігор, мовних занять і екскурсій для дітей шкільного віку.",
        "Неделя игр, языковых занятий и экскурсий для детей школьного возраста.",
        "A week of games, language workshops and trips for school-age children.",
    ),
    (
        "Drugie śniadanie, wodę i wygodne buty.",
        "Другий сніданок, воду та зручне взуття.",
        "Второй завтрак, воду и удобную обувь.",
        "A packed snack, water and comfortable shoes.",
    ),
    ("Turnus I (lato)", "Зміна I (літо)", "Смена I (лето)", "Week I (summer)"),
    ("Turnus II (lato)", "Зміна II (літо)", "Смена II (лето)", "Week II (summer)"),
    ("Ferie zimowe", "Зимові канікули", "Зимние каникулы", "Winter holidays"),
    ("Wakacje", "Літні канікули", "Летние каникулы", "Summer holidays"),
    (
        "Bajkowóz – warsztaty międzykulturowe w bibliotekach",
        "Bajkowóz – міжкультурні майстер-класи в бібліотеках",
        "Bajkowóz – межкультурные мастер-классы в библиотеках",
        "Bajkowóz – intercultural workshops in libraries",
    ),
    (
        "Mobilna biblioteka z książkami o różnych kulturach odwiedza biblioteki w Wielkopolsce.",
        "Мобільна бібліотека з книжками про різні культури відвідує бібліотеки Великопольщі.",
        "Мобильная библиотека с книгами о разных культурах посещает библиотеки Великопольши.",
        "A mobile library of books about different cultures visits libraries across Wielkopolska.",
    ),
    (
        "Speaking club w Poznaniu",
        "Розмовний клуб у Познані",
        "Разговорный клуб в Познани",
        "Speaking club in Poznań",
    ),
    (
        "Nauka polskiego przez zabawę i gry dla dzieci i młodzieży.",
        "Вивчення польської через ігри та забави для дітей і молоді.",
        "Изучение польского через игры и развлечения для детей и молодёжи.",
        "Learning Polish through play and games, for children and young people.",
    ),
    ("Środy", "Середи", "Среды", "Wednesdays"),
    (
        "Speaking club dla dorosłych",
        "Розмовний клуб для дорослих",
        "Разговорный клуб для взрослых",
        "Speaking club for adults",
    ),
    (
        "Rozmowy po polsku o codziennych sprawach: zakupy, lekarz, praca, urząd. Dla dorosłych "
        "na każdym poziomie.",
        "Розмови польською про повсякденне: покупки, лікар, робота, установи. Для дорослих "
        "будь-якого рівня.",
        "Разговоры по-польски о повседневном: покупки, врач, работа, учреждения. Для взрослых "
        "любого уровня.",
        "Conversations in Polish about everyday things: shopping, the doctor, work, offices. For "
        "adults at any level.",
    ),
    ("Czwartki", "Четверги", "Четверги", "Thursdays"),
    *[
        (
            f"Kurs języka polskiego {level}",
            f"Курс польської мови {level}",
            f"Курс польского языка {level}",
            f"Polish course {level}",
        )
        for level in ["A1", "A2", "B1", "B2"]
    ],
    *[
        (f"Grupa {level}", f"Група {level}", f"Группа {level}", f"Group {level}")
        for level in ["A1", "A2", "B1", "B2"]
    ],
    (
        "Grupa spotyka się raz w tygodniu. Podręczniki zapewniamy.",
        "Група збирається раз на тиждень. Підручники надаємо.",
        "Группа встречается раз в неделю. Учебники предоставляем.",
        "The group meets once a week. We provide the textbooks.",
    ),
    (
        "Podstawy życia w Polsce: praca, ubezpieczenia, zdrowie, pomoc społeczna i kultura.",
        "Основи життя в Польщі: робота, страхування, здоров’я, соціальна допомога та культура.",
        "Основы жизни в Польше: работа, страхование, здоровье, социальная помощь и культура.",
        "The basics of life in Poland: work, insurance, health, social assistance and culture.",
    ),
    # News tags (content.NEWS); the towns are translated above
    ("dzieci", "діти", "дети", "children"),
    ("półkolonie", "денні табори", "городские лагеря", "half-day camps"),
    ("wydarzenia", "події", "события", "events"),
    # Sign-up questions
    (
        "Kto będzie odbierał dziecko?",
        "Хто забиратиме дитину?",
        "Кто будет забирать ребёнка?",
        "Who will collect the child?",
    ),
    (
        "Alergie, choroby, leki – co powinniśmy wiedzieć?",
        "Алергії, хвороби, ліки – що нам варто знати?",
        "Аллергии, болезни, лекарства – что нам нужно знать?",
        "Allergies, illnesses, medicines – what should we know?",
    ),
    (
        "Z jakiego kraju pochodzi dziecko?",
        "З якої країни походить дитина?",
        "Из какой страны ребёнок?",
        "Which country does the child come from?",
    ),
    (
        "Nieobowiązkowe: liczymy to w rocznych statystykach centrów.",
        "Необов’язково: ми враховуємо це в річній статистиці центрів.",
        "Необязательно: мы учитываем это в годовой статистике центров.",
        "Optional: we count it in the centres' yearly figures.",
    ),
    (
        "Jak oceniasz swoją znajomość języka polskiego?",
        "Як ви оцінюєте своє знання польської мови?",
        "Как вы оцениваете своё знание польского языка?",
        "How good is your Polish?",
    ),
    (
        "Nie znam polskiego\nRozumiem proste zdania\nSwobodnie rozmawiam",
        "Не знаю польської\nРозумію прості речення\nВільно розмовляю",
        "Не знаю польского\nПонимаю простые предложения\nСвободно говорю",
        "I don't speak Polish\nI understand simple sentences\nI speak it fluently",
    ),
    # Consent texts (content.CONSENTS)
    (
        "Wyrażam zgodę na przetwarzanie moich danych osobowych i danych osób, które zapisuję, "
        "w celu organizacji zajęć przez instytucję prowadzącą Centrum, które je organizuje "
        "(administratora danych podajemy na tej stronie). Dane usuwamy 90 dni po zakończeniu "
        "zajęć. Mogę wycofać zgodę w każdej chwili.",
        "Я погоджуюся на обробку моїх персональних даних і даних осіб, яких я записую, "
        "установою, що керує центром — організатором занять (адміністратора даних зазначено "
        "на цій сторінці), з метою організації занять. Дані видаляємо через 90 днів після "
        "завершення занять. Я можу відкликати згоду будь-коли.",
        "Я даю согласие на обработку моих персональных данных и данных лиц, которых я "
        "записываю, учреждением, которое руководит центром — организатором занятий "
        "(администратор данных указан на этой странице), в целях организации занятий. Данные "
        "удаляются через 90 дней после окончания занятий. Я могу отозвать согласие в любой "
        "момент.",
        "I agree to the institution that runs the organising centre (the data controller named "
        "on this page) processing my personal data and that of the people I sign up, to "
        "organise the activity. The data is deleted 90 days after the activity ends. I can "
        "withdraw my consent at any time.",
    ),
    (
        "Zgadzam się na zdjęcia uczestnika podczas zajęć i ich publikację na stronie i w mediach "
        "społecznościowych Centrum.",
        "Я погоджуюся на фотографування учасника під час занять і публікацію фото на сайті та в "
        "соцмережах Центру.",
        "Я согласен(на) на фотографирование участника во время занятий и публикацию фото на сайте и "
        "в соцсетях Центра.",
        "I agree to photos of the participant being taken during the activity and published on "
        "the Centre's website and social media.",
    ),
]
for polish, ukrainian, russian, english in CALENDAR:
    TRANSLATIONS["uk"][polish] = ukrainian
    TRANSLATIONS["ru"][polish] = russian
    TRANSLATIONS["en"][polish] = english
