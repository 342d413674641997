"""The texts of the demo surveys, in de, Leichte Sprache, en, tr, ar and uk (data only)."""

import datetime

from ..models import Frage

SLUG = "lebensqualitaet-2024"
PARTNER_SLUG = "partnerbefragung-netzwerk-2024"
LANGS = ("de", "ls", "en", "tr", "ar", "uk")
BEGINN = datetime.date(2024, 9, 1)
N_RUECKMELDUNGEN = 300


def t(*texts):
    """Texts in the order de, ls (Leichte Sprache), en, tr, ar, uk."""
    return dict(zip(LANGS[: len(texts)], texts, strict=True))


JA_NEIN = [
    ("ja", t("ja", "Ja", "yes", "evet", "نعم", "так")),
    ("nein", t("nein", "Nein", "no", "hayır", "لا", "ні")),
]

SURVEY = {
    "titel": t(
        "Lebensqualität in den Quartieren 2024",
        "Gut leben im Quartier 2024",
        "Quality of life in the neighbourhoods 2024",
        "Mahallelerde yaşam kalitesi 2024",
        "جودة الحياة في الأحياء 2024",
        "Якість життя в районах міста 2024",
    ),
    "beschreibung": t(
        "Wie lebt es sich in Ihrem Quartier? Die Stadt Langenhagen möchte es von Ihnen wissen. "
        "Die Befragung dauert etwa 10 Minuten. (Demo-Daten: Befragung und Antworten sind "
        "erfunden.)",
        "Wie ist das Leben in Ihrem Quartier? Die Stadt Langenhagen fragt Sie. "
        "Das dauert etwa 10 Minuten. (Demo-Daten: Das ist nur ein Beispiel.)",
        "What is life like in your neighbourhood? The City of Langenhagen would like to know. "
        "The survey takes about 10 minutes. (Demo data: survey and answers are invented.)",
        "Mahallenizde yaşam nasıl? Langenhagen Belediyesi bunu sizden öğrenmek istiyor. "
        "Anket yaklaşık 10 dakika sürer. (Demo verileri: anket ve yanıtlar uydurmadır.)",
        "كيف هي الحياة في حيّك؟ تودّ مدينة لانغنهاغن أن تعرف رأيك. "
        "يستغرق الاستبيان حوالي 10 دقائق. (بيانات تجريبية: الاستبيان والإجابات مُختلَقة.)",
        "Яке життя у вашому районі? Місто Лангенгаген хоче дізнатися це від вас. "
        "Опитування триває близько 10 хвилин. (Демо-дані: опитування та відповіді вигадані.)",
    ),
    "datenschutz": t(
        "Die Teilnahme ist freiwillig und anonym. Wir speichern keine Namen, keine IP-Adressen "
        "und keine Uhrzeit. Ergebnisse zeigen wir nur für Gruppen ab 5 Antworten.",
        "Sie müssen nicht mitmachen. Wir wissen nicht, wer Sie sind. "
        "Wir speichern keinen Namen. Wir zeigen nur Ergebnisse von vielen Menschen zusammen.",
        "Taking part is voluntary and anonymous. We store no names, no IP addresses and no "
        "time of day. We only show results for groups of 5 answers or more.",
        "Katılım gönüllü ve anonimdir. İsim, IP adresi veya saat bilgisi kaydetmiyoruz. "
        "Sonuçları yalnızca en az 5 yanıtlık gruplar için gösteriyoruz.",
        "المشاركة طوعية ومجهولة الهوية. لا نحفظ أسماء ولا عناوين IP ولا وقت الإجابة. "
        "نعرض النتائج فقط للمجموعات التي تضم 5 إجابات أو أكثر.",
        "Участь добровільна та анонімна. Ми не зберігаємо імен, IP-адрес і часу. "
        "Результати показуємо лише для груп від 5 відповідей.",
    ),
    "danke": t(
        "Vielen Dank für Ihre Teilnahme! Ihre Antworten helfen, das Leben im Quartier zu "
        "verbessern.",
        "Danke fürs Mitmachen! Ihre Antworten helfen uns. So wird das Leben im Quartier besser.",
        "Thank you for taking part! Your answers help to improve life in the neighbourhood.",
        "Katıldığınız için teşekkür ederiz! Yanıtlarınız mahallede yaşamı iyileştirmeye "
        "yardımcı olur.",
        "شكرًا لمشاركتك! تساعد إجاباتك على تحسين الحياة في الحي.",
        "Дякуємо за участь! Ваші відповіді допоможуть покращити життя в районі.",
    ),
}

# One dict per question; "bedingung" is "frage:option" (show only if that option was chosen),
# "gewichte" are the weights of the invented answers.
FRAGEN = [
    {
        "seite": 1,
        "name": "quartier",
        "typ": Frage.Typ.QUARTIER,
        "pflicht": True,
        "text": t(
            "In welchem Quartier wohnen Sie?",
            "Wo wohnen Sie?",
            "Which neighbourhood do you live in?",
            "Hangi mahallede oturuyorsunuz?",
            "في أي حيّ تسكن؟",
            "У якому районі ви живете?",
        ),
    },
    {
        "seite": 1,
        "name": "wohndauer",
        "typ": Frage.Typ.EINFACH,
        "text": t(
            "Wie lange wohnen Sie schon in Ihrem Quartier?",
            "Wie lange wohnen Sie schon hier?",
            "How long have you lived in your neighbourhood?",
            "Ne zamandır mahallenizde oturuyorsunuz?",
            "منذ متى تسكن في حيّك؟",
            "Як довго ви живете у своєму районі?",
        ),
        "optionen": [
            (
                "unter_1",
                t(
                    "unter 1 Jahr",
                    "weniger als 1 Jahr",
                    "less than 1 year",
                    "1 yıldan az",
                    "أقل من سنة",
                    "менше 1 року",
                ),
            ),
            (
                "1_5",
                t(
                    "1 bis 5 Jahre",
                    "1 bis 5 Jahre",
                    "1 to 5 years",
                    "1–5 yıl",
                    "من سنة إلى 5 سنوات",
                    "від 1 до 5 років",
                ),
            ),
            (
                "6_10",
                t(
                    "6 bis 10 Jahre",
                    "6 bis 10 Jahre",
                    "6 to 10 years",
                    "6–10 yıl",
                    "من 6 إلى 10 سنوات",
                    "від 6 до 10 років",
                ),
            ),
            (
                "ueber_10",
                t(
                    "mehr als 10 Jahre",
                    "mehr als 10 Jahre",
                    "more than 10 years",
                    "10 yıldan fazla",
                    "أكثر من 10 سنوات",
                    "понад 10 років",
                ),
            ),
        ],
        "gewichte": [8, 27, 20, 45],
    },
    {
        "seite": 1,
        "name": "wohlfuehlen",
        "typ": Frage.Typ.SKALA,
        "pflicht": True,
        "text": t(
            "Wie gern leben Sie in Ihrem Quartier?",
            "Leben Sie gern in Ihrem Quartier?",
            "How much do you like living in your neighbourhood?",
            "Mahallenizde yaşamaktan ne kadar memnunsunuz?",
            "إلى أي حد تحب العيش في حيّك؟",
            "Наскільки вам подобається жити у своєму районі?",
        ),
        "skala": (
            t(
                "gar nicht gern",
                "gar nicht gern",
                "not at all",
                "hiç memnun değilim",
                "لا أحب ذلك إطلاقًا",
                "зовсім не подобається",
            ),
            t(
                "sehr gern",
                "sehr gern",
                "very much",
                "çok memnunum",
                "أحب ذلك كثيرًا",
                "дуже подобається",
            ),
        ),
        "gewichte": [4, 9, 24, 38, 25],
    },
    {
        "seite": 2,
        "name": "zufriedenheit",
        "typ": Frage.Typ.MATRIX,
        "text": t(
            "Wie zufrieden sind Sie in Ihrem Quartier mit …",
            "Wie gut finden Sie das in Ihrem Quartier?",
            "How satisfied are you in your neighbourhood with …",
            "Mahallenizde aşağıdakilerden ne kadar memnunsunuz?",
            "ما مدى رضاك في حيّك عن …",
            "Наскільки ви задоволені у своєму районі …",
        ),
        "optionen": [
            (
                "sehr_zufrieden",
                t(
                    "sehr zufrieden",
                    "sehr gut",
                    "very satisfied",
                    "çok memnunum",
                    "راضٍ جدًا",
                    "дуже задоволений(-а)",
                ),
            ),
            (
                "eher_zufrieden",
                t(
                    "eher zufrieden",
                    "gut",
                    "fairly satisfied",
                    "oldukça memnunum",
                    "راضٍ إلى حد ما",
                    "скоріше задоволений(-а)",
                ),
            ),
            (
                "eher_unzufrieden",
                t(
                    "eher unzufrieden",
                    "nicht so gut",
                    "fairly dissatisfied",
                    "pek memnun değilim",
                    "غير راضٍ إلى حد ما",
                    "скоріше незадоволений(-а)",
                ),
            ),
            (
                "sehr_unzufrieden",
                t(
                    "sehr unzufrieden",
                    "schlecht",
                    "very dissatisfied",
                    "hiç memnun değilim",
                    "غير راضٍ إطلاقًا",
                    "дуже незадоволений(-а)",
                ),
            ),
        ],
        "zeilen": [
            (
                "nahverkehr",
                t(
                    "Bus und Bahn",
                    "Bus und Bahn",
                    "buses and trains",
                    "otobüs ve tren",
                    "الحافلات والقطارات",
                    "автобуси та потяги",
                ),
                [25, 40, 25, 10],
            ),
            (
                "einkaufen",
                t(
                    "Einkaufsmöglichkeiten",
                    "Geschäfte zum Einkaufen",
                    "shopping",
                    "alışveriş imkânları",
                    "إمكانيات التسوق",
                    "можливості для покупок",
                ),
                [30, 40, 20, 10],
            ),
            (
                "treffpunkte",
                t(
                    "Treffpunkte",
                    "Orte zum Treffen",
                    "places to meet",
                    "buluşma yerleri",
                    "أماكن اللقاء",
                    "місця для зустрічей",
                ),
                [12, 30, 38, 20],
            ),
            (
                "sicherheit",
                t("Sicherheit", "Sicherheit", "safety", "güvenlik", "الأمان", "безпека"),
                [20, 42, 26, 12],
            ),
        ],
    },
    {
        "seite": 2,
        "name": "orte",
        "typ": Frage.Typ.MEHRFACH,
        "text": t(
            "Welche Orte in Ihrem Quartier nutzen Sie?",
            "Wo sind Sie oft in Ihrem Quartier?",
            "Which places in your neighbourhood do you use?",
            "Mahallenizde hangi yerleri kullanıyorsunuz?",
            "ما الأماكن التي تستخدمها في حيّك؟",
            "Якими місцями у своєму районі ви користуєтеся?",
        ),
        "hilfe": t(
            "Mehrere Antworten sind möglich.",
            "Sie können mehr als eine Antwort wählen.",
            "You can choose more than one answer.",
            "Birden fazla yanıt seçebilirsiniz.",
            "يمكنك اختيار أكثر من إجابة.",
            "Можна вибрати кілька відповідей.",
        ),
        "optionen": [
            (
                "treff",
                t(
                    "Stadtteiltreff",
                    "Treff im Stadtteil",
                    "community centre",
                    "semt buluşma merkezi",
                    "مركز الحي",
                    "центр громади",
                ),
            ),
            (
                "park",
                t(
                    "Park oder Grünanlage",
                    "Park",
                    "park or green space",
                    "park veya yeşil alan",
                    "حديقة أو مساحة خضراء",
                    "парк або сквер",
                ),
            ),
            (
                "bibliothek",
                t("Bibliothek", "Bücherei", "library", "kütüphane", "المكتبة", "бібліотека"),
            ),
            (
                "sport",
                t(
                    "Sportverein",
                    "Sportverein",
                    "sports club",
                    "spor kulübü",
                    "نادٍ رياضي",
                    "спортивний клуб",
                ),
            ),
            (
                "gemeinde",
                t(
                    "Kirche, Moschee oder Gemeinde",
                    "Kirche oder Moschee",
                    "church, mosque or congregation",
                    "kilise, cami veya cemaat",
                    "كنيسة أو مسجد أو جماعة دينية",
                    "церква, мечеть або громада",
                ),
            ),
            (
                "cafe",
                t(
                    "Café oder Gaststätte",
                    "Café",
                    "café or restaurant",
                    "kafe veya lokanta",
                    "مقهى أو مطعم",
                    "кафе або ресторан",
                ),
            ),
        ],
        "gewichte": [30, 65, 25, 22, 28, 45],
    },
    {
        "seite": 3,
        "name": "einsam",
        "typ": Frage.Typ.JANEIN,
        "text": t(
            "Fühlen Sie sich manchmal einsam?",
            "Sind Sie manchmal allein und traurig?",
            "Do you sometimes feel lonely?",
            "Bazen kendinizi yalnız hissediyor musunuz?",
            "هل تشعر بالوحدة أحيانًا؟",
            "Чи почуваєтеся ви іноді самотньо?",
        ),
        "gewichte": [32, 68],
    },
    {
        "seite": 3,
        "name": "einsam_hilfe",
        "typ": Frage.Typ.MEHRFACH,
        "bedingung": "einsam:ja",
        "text": t(
            "Was würde Ihnen helfen?",
            "Was hilft Ihnen?",
            "What would help you?",
            "Size ne yardımcı olurdu?",
            "ما الذي قد يساعدك؟",
            "Що б вам допомогло?",
        ),
        "optionen": [
            (
                "nachbarschaft",
                t(
                    "Treffen in der Nachbarschaft",
                    "Treffen mit Nachbarn",
                    "meeting people in the neighbourhood",
                    "komşularla buluşmalar",
                    "لقاءات في الحي",
                    "зустрічі з сусідами",
                ),
            ),
            (
                "besuch",
                t(
                    "ein Besuchsdienst",
                    "Jemand besucht mich.",
                    "a visiting service",
                    "ziyaret hizmeti",
                    "خدمة الزيارات",
                    "служба відвідування",
                ),
            ),
            (
                "begleitung",
                t(
                    "Begleitung zu Terminen",
                    "Jemand geht mit mir zu Terminen.",
                    "someone to go with me to appointments",
                    "randevulara eşlik",
                    "مرافقة إلى المواعيد",
                    "супровід на прийоми",
                ),
            ),
            (
                "sprache",
                t(
                    "Angebote in meiner Sprache",
                    "Angebote in meiner Sprache",
                    "activities in my language",
                    "kendi dilimde etkinlikler",
                    "أنشطة بلغتي",
                    "заходи моєю мовою",
                ),
            ),
            (
                "internet",
                t(
                    "Hilfe mit Handy und Internet",
                    "Hilfe mit Handy und Internet",
                    "help with phone and internet",
                    "telefon ve internet konusunda yardım",
                    "مساعدة في الهاتف والإنترنت",
                    "допомога з телефоном та інтернетом",
                ),
            ),
        ],
        "gewichte": [55, 25, 20, 30, 22],
    },
    {
        "seite": 3,
        "name": "engagement",
        "typ": Frage.Typ.JANEIN,
        "text": t(
            "Möchten Sie sich in Ihrem Quartier engagieren?",
            "Möchten Sie im Quartier mithelfen?",
            "Would you like to get involved in your neighbourhood?",
            "Mahallenizde gönüllü olarak yer almak ister misiniz?",
            "هل ترغب في التطوع في حيّك؟",
            "Чи хотіли б ви долучитися до життя свого району?",
        ),
        "gewichte": [27, 73],
    },
    {
        "seite": 3,
        "name": "engagement_bereich",
        "typ": Frage.Typ.EINFACH,
        "bedingung": "engagement:ja",
        "text": t(
            "Wofür möchten Sie sich am liebsten engagieren?",
            "Wobei möchten Sie helfen?",
            "What would you most like to do?",
            "En çok hangi alanda yer almak istersiniz?",
            "في أي مجال تحب أن تتطوع أكثر؟",
            "Чим би ви найбільше хотіли займатися?",
        ),
        "optionen": [
            (
                "nachbarschaftshilfe",
                t(
                    "Nachbarschaftshilfe",
                    "Nachbarn helfen",
                    "helping neighbours",
                    "komşulara yardım",
                    "مساعدة الجيران",
                    "допомога сусідам",
                ),
            ),
            (
                "feste",
                t(
                    "Feste und Kultur",
                    "Feste feiern",
                    "festivals and culture",
                    "şenlikler ve kültür",
                    "الاحتفالات والثقافة",
                    "свята та культура",
                ),
            ),
            (
                "gruen",
                t(
                    "Umwelt und Grün",
                    "Natur und Pflanzen",
                    "environment and green spaces",
                    "çevre ve yeşil alanlar",
                    "البيئة والمساحات الخضراء",
                    "довкілля та зелені зони",
                ),
            ),
            (
                "kinder",
                t(
                    "Kinder und Jugendliche",
                    "Kinder und Jugendliche",
                    "children and young people",
                    "çocuklar ve gençler",
                    "الأطفال والشباب",
                    "діти та молодь",
                ),
            ),
            (
                "begegnung",
                t(
                    "Sprache und Begegnung",
                    "Deutsch lernen und sich treffen",
                    "language and meeting people",
                    "dil ve tanışma",
                    "اللغة والتعارف",
                    "мова та знайомства",
                ),
            ),
        ],
        "gewichte": [30, 22, 18, 15, 15],
    },
    {
        "seite": 4,
        "name": "sicher_abends",
        "typ": Frage.Typ.SKALA,
        "text": t(
            "Wie sicher fühlen Sie sich abends auf der Straße?",
            "Haben Sie abends draußen Angst?",
            "How safe do you feel on the street in the evening?",
            "Akşamları sokakta kendinizi ne kadar güvende hissediyorsunuz?",
            "ما مدى شعورك بالأمان في الشارع مساءً؟",
            "Наскільки безпечно ви почуваєтеся ввечері на вулиці?",
        ),
        "skala": (
            t(
                "sehr unsicher",
                "große Angst",
                "very unsafe",
                "hiç güvende değilim",
                "غير آمن إطلاقًا",
                "дуже небезпечно",
            ),
            t(
                "sehr sicher",
                "keine Angst",
                "very safe",
                "çok güvendeyim",
                "آمن جدًا",
                "дуже безпечно",
            ),
        ),
        "gewichte": [7, 14, 30, 31, 18],
    },
    {
        "seite": 4,
        "name": "informiert",
        "typ": Frage.Typ.EINFACH,
        "text": t(
            "Wie erfahren Sie meistens von Angeboten im Quartier?",
            "Wie hören Sie von Angeboten im Quartier?",
            "How do you usually hear about activities in the neighbourhood?",
            "Mahalledeki etkinlikleri genellikle nereden öğreniyorsunuz?",
            "كيف تعرف عادةً عن الأنشطة في الحي؟",
            "Як ви зазвичай дізнаєтеся про заходи в районі?",
        ),
        "optionen": [
            (
                "aushang",
                t(
                    "Aushang oder Flyer",
                    "Zettel und Plakate",
                    "notices or flyers",
                    "ilan veya broşür",
                    "الإعلانات أو المنشورات",
                    "оголошення або листівки",
                ),
            ),
            ("zeitung", t("Zeitung", "Zeitung", "newspaper", "gazete", "الصحيفة", "газета")),
            (
                "internet",
                t(
                    "Internet und soziale Medien",
                    "Internet",
                    "internet and social media",
                    "internet ve sosyal medya",
                    "الإنترنت ووسائل التواصل الاجتماعي",
                    "інтернет і соцмережі",
                ),
            ),
            (
                "bekannte",
                t(
                    "Freunde und Nachbarn",
                    "Freunde und Nachbarn",
                    "friends and neighbours",
                    "arkadaşlar ve komşular",
                    "الأصدقاء والجيران",
                    "друзі та сусіди",
                ),
            ),
            (
                "gar_nicht",
                t("gar nicht", "gar nicht", "not at all", "hiç", "لا أعرف عنها شيئًا", "ніяк"),
            ),
        ],
        "gewichte": [22, 18, 25, 25, 10],
    },
    {
        "seite": 4,
        "name": "alter",
        "typ": Frage.Typ.ZAHL,
        "text": t(
            "Wie alt sind Sie?",
            "Wie alt sind Sie?",
            "How old are you?",
            "Kaç yaşındasınız?",
            "كم عمرك؟",
            "Скільки вам років?",
        ),
        "hilfe": t(
            "In Jahren, zum Beispiel 67.",
            "Schreiben Sie eine Zahl. Zum Beispiel: 67.",
            "In years, for example 67.",
            "Yıl olarak, örneğin 67.",
            "بالسنوات، مثلًا 67.",
            "У роках, наприклад 67.",
        ),
        "zahl": (14, 110),
    },
    {
        "seite": 4,
        "name": "haushalt",
        "typ": Frage.Typ.EINFACH,
        "text": t(
            "Wie viele Menschen leben in Ihrem Haushalt?",
            "Wie viele Menschen wohnen bei Ihnen?",
            "How many people live in your household?",
            "Hanenizde kaç kişi yaşıyor?",
            "كم شخصًا يعيش في منزلك؟",
            "Скільки людей живе у вашому домогосподарстві?",
        ),
        "optionen": [
            ("eine", t("nur ich", "nur ich", "just me", "sadece ben", "أنا فقط", "лише я")),
            ("zwei", t("2 Personen", "2 Menschen", "2 people", "2 kişi", "شخصان", "2 особи")),
            (
                "drei_vier",
                t(
                    "3 bis 4 Personen",
                    "3 oder 4 Menschen",
                    "3 to 4 people",
                    "3–4 kişi",
                    "3 إلى 4 أشخاص",
                    "3–4 особи",
                ),
            ),
            (
                "fuenf",
                t(
                    "5 Personen oder mehr",
                    "5 Menschen oder mehr",
                    "5 people or more",
                    "5 kişi veya daha fazla",
                    "5 أشخاص أو أكثر",
                    "5 осіб або більше",
                ),
            ),
        ],
        "gewichte": [30, 35, 25, 10],
    },
    {
        "seite": 5,
        "name": "wunsch",
        "typ": Frage.Typ.TEXT,
        "text": t(
            "Was wünschen Sie sich für Ihr Quartier?",
            "Was wünschen Sie sich für Ihr Quartier?",
            "What would you wish for your neighbourhood?",
            "Mahalleniz için ne dilersiniz?",
            "ماذا تتمنى لحيّك؟",
            "Чого ви бажаєте своєму району?",
        ),
    },
    {
        "seite": 5,
        "name": "koordination_bekannt",
        "typ": Frage.Typ.JANEIN,
        "text": t(
            "Kennen Sie die Quartierskoordination in Ihrem Quartier?",
            "Kennen Sie die Ansprech-Person für Ihr Quartier?",
            "Do you know the neighbourhood coordinator in your area?",
            "Mahallenizdeki mahalle koordinatörünü tanıyor musunuz?",
            "هل تعرف منسق الحي في منطقتك؟",
            "Чи знаєте ви координатора свого району?",
        ),
        "gewichte": [38, 62],
    },
]

WUENSCHE = {
    "de": [
        "Mehr Bänke im Park.",
        "Ein Café für Ältere, wo man sich treffen kann.",
        "Bessere Busverbindungen am Abend.",
        "Mehr Licht auf den Wegen.",
        "Ein Spielplatz, der gepflegt wird.",
        "Ein Fest für alle Nachbarn.",
        "Einen Treffpunkt für Jugendliche.",
    ],
    "ls": ["Mehr Bänke.", "Ein Treff für alle.", "Mehr Busse am Abend."],
    "en": ["More benches and trees.", "A meeting place for families."],
    "tr": ["Daha fazla yeşil alan.", "Kadınlar için bir buluşma yeri."],
    "ar": ["مزيد من دورات اللغة.", "مكان لقاء للعائلات."],
    "uk": ["Більше зустрічей для сусідів.", "Курси німецької мови поруч."],
}

PARTNER = {
    "titel": {
        "de": "Partnerbefragung Netzwerkarbeit 2024",
        "en": "Partner survey on network work 2024",
    },
    "beschreibung": {
        "de": "Wie erleben Sie die Zusammenarbeit in den Gremien der Gemeinwesenarbeit? "
        "Die Teilnahme ist nur mit einem persönlichen Zugangscode möglich. (Demo-Daten)",
        "en": "How do you experience working together in the committees? You need a personal "
        "access code to take part. (Demo data)",
    },
    "datenschutz": {
        "de": "Ihr Code wird nicht mit Ihren Antworten gespeichert. Die Antworten sind anonym.",
        "en": "Your code is not stored with your answers. The answers are anonymous.",
    },
    "danke": {"de": "Vielen Dank für Ihre Rückmeldung!", "en": "Thank you for your feedback!"},
}

PARTNER_FRAGEN = [
    {
        "seite": 1,
        "name": "zusammenarbeit",
        "typ": Frage.Typ.SKALA,
        "pflicht": True,
        "text": {
            "de": "Wie zufrieden sind Sie mit der Zusammenarbeit im Netzwerk?",
            "en": "How satisfied are you with the cooperation in the network?",
        },
        "skala": (
            {"de": "gar nicht zufrieden", "en": "not at all satisfied"},
            {"de": "sehr zufrieden", "en": "very satisfied"},
        ),
    },
    {
        "seite": 1,
        "name": "nutzen",
        "typ": Frage.Typ.EINFACH,
        "text": {
            "de": "Wie nützlich sind die Gremientreffen für Ihre Arbeit?",
            "en": "How useful are the committee meetings for your work?",
        },
        "optionen": [
            ("sehr", {"de": "sehr nützlich", "en": "very useful"}),
            ("eher", {"de": "eher nützlich", "en": "fairly useful"}),
            ("wenig", {"de": "wenig nützlich", "en": "not very useful"}),
            ("gar_nicht", {"de": "gar nicht nützlich", "en": "not useful at all"}),
        ],
    },
    {
        "seite": 1,
        "name": "themen",
        "typ": Frage.Typ.MEHRFACH,
        "text": {
            "de": "Welche Themen sollen die Gremien stärker behandeln?",
            "en": "Which topics should the committees focus on more?",
        },
        "optionen": [
            ("demografie", {"de": "Demografischer Wandel", "en": "demographic change"}),
            ("integration", {"de": "Integration", "en": "integration"}),
            ("inklusion", {"de": "Inklusion", "en": "inclusion"}),
            ("teilhabe", {"de": "Soziale Teilhabe", "en": "social participation"}),
        ],
    },
    {
        "seite": 1,
        "name": "haeufigkeit",
        "typ": Frage.Typ.EINFACH,
        "text": {
            "de": "Wie oft sollten sich die Gremien treffen?",
            "en": "How often should the committees meet?",
        },
        "optionen": [
            ("monatlich", {"de": "monatlich", "en": "monthly"}),
            ("zweimonatlich", {"de": "alle zwei Monate", "en": "every two months"}),
            ("quartal", {"de": "vierteljährlich", "en": "quarterly"}),
        ],
    },
    {
        "seite": 1,
        "name": "anregungen",
        "typ": Frage.Typ.TEXT,
        "text": {"de": "Ihre Anregungen", "en": "Your suggestions"},
    },
]
