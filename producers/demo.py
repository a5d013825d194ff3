"""Demo data for ``manage.py load_demo_data``: the Khutwa programme, its producers, products
and generated product pictures. Tables and pictures only; the command writes through services."""

from __future__ import annotations

import random
from dataclasses import dataclass
from io import BytesIO

from PIL import Image, ImageDraw, ImageOps

ADMIN_EMAIL = "admin@muntij.example"
PRODUCER_EMAIL = "producer@muntij.example"
CUSTOMER_EMAIL = "customer@muntij.example"
VERIFIER_EMAIL = "verifier@muntij.example"

# e-mail: (password, first name, last name, preferred language)
USERS = {
    ADMIN_EMAIL: ("muntij-admin", "Programme", "Admin", "en"),
    PRODUCER_EMAIL: ("muntij-producer", "Maryam", "Al Ahmed", "ar"),
    CUSTOMER_EMAIL: ("muntij-customer", "Sara", "Hassan", "en"),
    VERIFIER_EMAIL: ("muntij-verifier", "Huda", "Al Mannai", "ar"),
}

# code: (English, Arabic, Persian)
AUTHORITIES = {
    "municipality": (
        "Ministry of Municipalities — technical licensing",
        "الترخيص الفني بوزارة البلديات",
        "صدور مجوز فنی وزارت شهرداری‌ها",
    ),
    "civil-defence": ("Civil Defence", "الدفاع المدني", "دفاع مدنی"),
    "food-control": (
        "Food Control Section, Ministry of Health",
        "قسم الرقابة على الأغذية بوزارة الصحة",
        "بخش نظارت بر مواد غذایی وزارت بهداشت",
    ),
}
AUTHORITY_PREFIX = {"municipality": "MUN", "civil-defence": "CD", "food-control": "FC"}

PROGRAMME = {
    "code": "khutwa",
    "name_en": "Khutwa",
    "name_ar": "خطوة",
    "name_fa": "خطوه",
    "country": "BH",
    "issuing_body": "Ministry of Social Development",
}


@dataclass(frozen=True)
class PackageSpec:
    """A programme package: names, its root category, required approvals, picture colour."""

    code: str
    names: tuple[str, str, str]
    category: str
    authorities: tuple[str, ...]
    colour: tuple[int, int, int]


_HOME = ("municipality", "civil-defence")
PACKAGES = [
    PackageSpec("tayeb", ("Tayeb", "طيب", "طیب"), "Perfume & incense", _HOME, (92, 45, 110)),
    PackageSpec(
        "atayeb", ("Atayeb", "أطايب", "اطایب"), "Food", (*_HOME, "food-control"), (196, 110, 32)
    ),
    PackageSpec("ibdaa", ("Ibdaa", "إبداع", "ابداع"), "Handicrafts", _HOME, (70, 112, 60)),
    PackageSpec("anaqa", ("Anaqa", "أناقة", "اناقه"), "Fashion", _HOME, (140, 40, 80)),
    PackageSpec("mahara", ("Mahara", "مهارة", "مهارت"), "Heritage crafts", _HOME, (30, 90, 130)),
]

# SKU prefix: (package code, sub-category name)
SUBCATEGORIES = {
    "BAK": ("tayeb", "Bakhoor"),
    "OUD": ("tayeb", "Oud & perfume oils"),
    "BUR": ("tayeb", "Incense burners"),
    "SWT": ("atayeb", "Sweets & halwa"),
    "SPC": ("atayeb", "Spices"),
    "BKD": ("atayeb", "Baked goods"),
    "PKL": ("atayeb", "Pickles & preserves"),
    "PLM": ("ibdaa", "Palm weaving"),
    "POT": ("ibdaa", "Pottery"),
    "EMB": ("ibdaa", "Embroidery"),
    "ABY": ("anaqa", "Abayas"),
    "JLB": ("anaqa", "Jalabiyas"),
    "ACC": ("anaqa", "Accessories"),
    "DHW": ("mahara", "Dhow models"),
    "SDU": ("mahara", "Sadu weaving"),
    "TOY": ("mahara", "Traditional toys"),
}


# Category names in Arabic and Persian (the English name is the category's own).
CATEGORY_NAMES = {
    "Perfume & incense": ("العطور والبخور", "عطر و بخور"),
    "Food": ("الأطعمة", "خوراکی‌ها"),
    "Handicrafts": ("الحرف اليدوية", "صنایع دستی"),
    "Fashion": ("الأزياء", "پوشاک"),
    "Heritage crafts": ("الحرف التراثية", "هنرهای سنتی"),
    "Bakhoor": ("البخور", "بخور"),
    "Oud & perfume oils": ("العود ودهن العطور", "عود و روغن‌های عطری"),
    "Incense burners": ("المباخر", "عودسوزها"),
    "Sweets & halwa": ("الحلويات والحلوى", "شیرینی و حلوا"),
    "Spices": ("البهارات", "ادویه‌ها"),
    "Baked goods": ("المخبوزات", "نان و شیرینی"),
    "Pickles & preserves": ("المخللات والمربيات", "ترشی و مربا"),
    "Palm weaving": ("سفّ الخوص", "حصیربافی با برگ نخل"),
    "Pottery": ("الفخار", "سفالگری"),
    "Embroidery": ("التطريز", "گلدوزی"),
    "Abayas": ("العباءات", "عبا"),
    "Jalabiyas": ("الجلابيات", "جلابیه"),
    "Accessories": ("الإكسسوارات", "زیورآلات"),
    "Dhow models": ("مجسمات المحامل", "ماکت لنج"),
    "Sadu weaving": ("حياكة السدو", "سدوبافی"),
    "Traditional toys": ("الألعاب الشعبية", "اسباب‌بازی‌های سنتی"),
}


@dataclass(frozen=True)
class ProducerSpec:
    """One demo producer, its one Khutwa licence and the sub-categories it makes."""

    name: str
    area: str
    story: str
    number: str
    packages: tuple[str, ...]
    makes: tuple[str, ...]
    state: str = "verified"
    reason: str = ""
    began: int = 60  # days ago the licence's validity began
    ends: int = 305  # days from now it ends (negative: already ended)
    tier: str = "home"
    beneficiary: bool = False
    food_lapsed: bool = False  # the food-control approval ran out after verification
    demo_user: bool = False


# fmt: off
PRODUCERS = [
    ProducerSpec(
        "Umm Ahmed Bakhoor & Sweets", "Muharraq",
        "Maryam and her daughters blend bakhoor the way her grandmother did in old Muharraq, "
        "and bake the halwa and maamoul the neighbours queue for at Eid.",
        "KH-2025-00012", ("tayeb", "atayeb"), ("BAK", "SWT"), began=120, ends=245,
        beneficiary=True, demo_user=True,
    ),
    ProducerSpec(
        "Al Qassab Oud House", "Manama",
        "Hassan ages his oud oils for a year before bottling them at home; "
        "his father sold perfume in Manama souq.",
        "KH-2025-00019", ("tayeb",), ("OUD", "BAK"), began=200, ends=165,
    ),
    ProducerSpec(
        "Bin Jasim Halwa Kitchen", "Muharraq",
        "Saffron, rose water and patience: the Bin Jasim family stirs its halwa for hours "
        "in a copper pot, as Muharraq has for a century.",
        "KH-2025-00027", ("atayeb",), ("SWT",), began=90, ends=275,
    ),
    ProducerSpec(
        "Bait Al Bzar Spices", "Riffa",
        "Amina roasts and grinds her bzar in small batches and pickles what her garden grows.",
        "KH-2025-00034", ("atayeb",), ("SPC", "PKL"), began=150, ends=215, beneficiary=True,
    ),
    ProducerSpec(
        "Khubz Umm Yousif", "Isa Town",
        "Fresh bread and fatayer every morning from a home kitchen in Isa Town, "
        "baked to order for families and offices.",
        "KH-2025-00041", ("atayeb",), ("BKD",), began=45, ends=320,
    ),
    ProducerSpec(
        "Sitra Palm Weavers", "Sitra",
        "Four sisters keep Sitra's palm-weaving craft alive, splitting and dyeing the fronds "
        "themselves.",
        "KH-2025-00048", ("ibdaa",), ("PLM",), began=240, ends=125,
    ),
    ProducerSpec(
        "A'ali Clay Family", "A'ali",
        "Potters for generations near A'ali's kilns, now throwing vases and incense burners "
        "in a home workshop.",
        "KH-2025-00053", ("ibdaa", "tayeb"), ("POT", "BUR"), began=75, ends=290,
        tier="extended",
    ),
    ProducerSpec(
        "Noor Embroidery House", "Hamad Town",
        "Noor learnt naqda embroidery from her mother and teaches it to the girls of her street.",
        "KH-2025-00060", ("ibdaa", "anaqa"), ("EMB", "ACC"), began=180, ends=185,
    ),
    ProducerSpec(
        "Dar Al Abaya Budaiya", "Budaiya",
        "Fatema cuts and sews every abaya herself and finishes them with hand embroidery.",
        "KH-2025-00066", ("anaqa",), ("ABY",), began=130, ends=235,
    ),
    ProducerSpec(
        "Lulwa Jalabiyas", "Riffa",
        "Lulwa's jalabiyas and nashal thobes dress half the brides of Riffa; "
        "her licence is up for renewal this week.",
        "KH-2025-00071", ("anaqa",), ("JLB", "ABY"), began=360, ends=5,
    ),
    ProducerSpec(
        "Al Hidd Dhow Models", "Hidd",
        "A retired boat builder from Hidd carves dhow models plank by plank with his grandsons.",
        "KH-2025-00077", ("mahara",), ("DHW",), began=100, ends=265,
    ),
    ProducerSpec(
        "Sadu Al Zallaq", "Zallaq",
        "Bedouin Sadu patterns woven on a ground loom, and the toys the family's children "
        "still play with.",
        "KH-2025-00083", ("mahara",), ("SDU", "TOY"), began=60, ends=305,
    ),
    ProducerSpec(
        "Al Noaimi Family Kitchen", "Budaiya",
        "Spices, pickles and oud oils from the Al Noaimi home; their food-control certificate "
        "has lapsed, so only the oils are on sale until it is renewed.",
        "KH-2025-00089", ("atayeb", "tayeb"), ("SPC", "PKL", "OUD"), began=200, ends=165,
        food_lapsed=True,
    ),
    ProducerSpec(
        "Fatima's Pickles", "Isa Town",
        "Fatima has applied to sell her mango achar and date jam; her application is under review.",
        "KH-2026-00102", ("atayeb",), ("PKL",), state="submitted", began=30, ends=335,
    ),
    ProducerSpec(
        "Zainab Accessories", "Hamad Town",
        "Beaded belts, pearl pins and shaylas, waiting for a corrected application.",
        "KH-2026-00107", ("anaqa",), ("ACC",), state="changes_requested", began=30, ends=335,
        reason="The civil defence certificate scan is unreadable; please upload a clearer copy.",
    ),
    ProducerSpec(
        "Al Dair Incense Burners", "Muharraq",
        "Carved wooden burners from a garage workshop in Al Dair.",
        "KH-2026-00111", ("tayeb",), ("BUR",), state="rejected", began=30, ends=335,
        reason="The work happens in a shared garage, which a home licence does not allow; "
        "please apply for the workshop tier.",
    ),
    ProducerSpec(
        "Jidhafs Traditional Toys", "Jidhafs",
        "Spinning tops, cloth dolls and palm-frond horses made by the Al Shaikh family.",
        "KH-2025-00094", ("mahara",), ("TOY",), state="suspended", began=150, ends=215,
        reason="Civil defence found an unsafe gas connection; suspended until re-inspection.",
    ),
    ProducerSpec(
        "Manama Date Sweets", "Manama",
        "Date cakes and kleicha from a Manama kitchen; the licence ran out and awaits renewal.",
        "KH-2024-00058", ("atayeb",), ("SWT", "BKD"), state="expired", began=420, ends=-55,
    ),
]
# fmt: on

# SKU prefix: [(title, price in BHD, stock, description)]
PRODUCTS: dict[str, list[tuple[str, str, int, str]]] = {
    "BAK": [
        ("Oud Muattar bakhoor 50 g", "3.500", 24, "Wood chips soaked in oud oil and musk."),
        ("Bakhoor Al Arais 100 g", "5.250", 12, "The rich wedding blend, sweet and smoky."),
        ("Mamoul bakhoor tablets (20)", "2.750", 30, "Pressed tablets that burn slow and even."),
        ("Rose & amber bakhoor 40 g", "2.500", 18, "Taif rose petals folded into warm amber."),
        ("House dukhoon blend 60 g", "4.000", 0, "Our family recipe, made once a month."),
        ("Sandalwood bakhoor cubes 75 g", "3.250", 21, "Soft sandalwood with a touch of saffron."),
        ("Oud chips, Cambodi, 10 g", "12.000", 6, "Pure agarwood chips for special guests."),
        ("Musk bakhoor jar 120 g", "6.500", 15, "White musk bakhoor in a glass jar."),
        ("Bakhoor gift tin trio", "9.750", 9, "Three blends in a gift tin, ready to give."),
        ("Saffron bakhoor 50 g", "4.500", 14, "Saffron and oud, for Friday mornings."),
    ],
    "OUD": [
        ("Dehn al oud 3 ml", "15.000", 5, "Aged oud oil, deep and woody."),
        ("Rose attar 6 ml", "4.500", 20, "Alcohol-free rose oil in a roll-on."),
        ("White musk oil 12 ml", "3.000", 33, "Clean, soft musk for every day."),
        ("Amber & oud blend 12 ml", "7.250", 11, "Warm amber over a base of oud."),
        ("Jasmine oil 6 ml", "2.750", 26, "Bahraini yasmin, bright and sweet."),
        ("Oud hair mist 50 ml", "5.500", 0, "A light oud scent for hair and shayla."),
        ("Bahraini mukhallat 25 ml", "8.000", 13, "A traditional mixed perfume oil."),
        ("Saffron & sandal oil 6 ml", "3.750", 17, "Golden saffron over creamy sandalwood."),
        ("Oud body oil 100 ml", "6.000", 10, "Nourishing sesame oil scented with oud."),
        ("Travel attar set (4 × 3 ml)", "10.500", 8, "Four favourite oils in a pouch."),
    ],
    "BUR": [
        ("Hand-painted clay mabkhara", "4.250", 16, "A classic burner with painted flowers."),
        ("Brass-trim wooden mabkhara", "8.500", 7, "Carved wood with brass corners."),
        ("Mini travel mabkhara", "2.000", 28, "Small enough for a handbag."),
        ("Quick-light charcoal discs (10)", "1.000", 40, "For bakhoor; light in seconds."),
        ("Palm-frond mabkhara stand", "3.500", 12, "A woven stand that keeps tables safe."),
        ("Turquoise glazed burner", "5.750", 9, "Glazed pottery in sea colours."),
        ("Mother-of-pearl mabkhara", "18.000", 3, "Inlaid with mother-of-pearl by hand."),
        ("Bakhoor tongs and tray set", "2.750", 22, "Brass tongs with a small tray."),
        ("Square tower mabkhara", "6.250", 10, "A tall burner for the majlis."),
        ("Gold-leaf wedding mabkhara", "14.500", 4, "Gilded burner for the bride's house."),
    ],
    "SWT": [
        ("Bahraini halwa tin 500 g", "3.000", 25, "Saffron and rose-water halwa, stirred slowly."),
        ("Saffron halwa with cashews 1 kg", "5.500", 12, "The festive halwa, rich with nuts."),
        ("Date maamoul box (12)", "2.750", 30, "Semolina cookies filled with dates."),
        ("Rangina date cake tray", "3.250", 8, "Dates in buttery flour with cardamom."),
        ("Khanfaroosh (10)", "1.500", 20, "Saffron and cardamom breakfast cakes."),
        ("Luqaimat with date syrup (20)", "1.750", 0, "Crisp dumplings drizzled with dibs."),
        ("Bith'ith date crumble 400 g", "2.250", 14, "Toasted flour and dates, spiced."),
        ("Cardamom ghraiba cookies (15)", "1.250", 35, "Melt-in-the-mouth shortbread."),
        ("Eid sweets assortment box", "7.500", 6, "A bit of everything for Eid visits."),
        ("Halwa mini cups gift box (24)", "6.000", 10, "Halwa in small cups for guests."),
    ],
    "SPC": [
        ("Bahraini bzar spice mix 250 g", "1.500", 40, "The house mix for rice and stews."),
        ("Machboos spice mix 200 g", "1.250", 32, "Everything the machboos pot needs."),
        ("Dried black lime (loomi) 150 g", "0.750", 27, "Sun-dried limes for a sour depth."),
        ("Saffron threads 2 g", "3.500", 15, "Fine threads, sealed against light."),
        ("Ground cardamom 100 g", "2.250", 19, "Green cardamom, ground weekly."),
        ("Harees spice pouch 150 g", "0.900", 23, "Cinnamon and cardamom for harees."),
        ("Gahwa cardamom & saffron blend 250 g", "3.000", 11, "Spices for Arabic coffee."),
        ("Fish spice (bzar samak) 200 g", "1.250", 0, "For grilled safi and hamour."),
        ("Turmeric & cumin duo", "1.750", 18, "Two jars, freshly ground."),
        ("Spice gift crate (6 jars)", "8.500", 5, "Six house blends in a wooden crate."),
    ],
    "BKD": [
        ("Khubz tannour (5 loaves)", "0.500", 30, "Clay-oven bread, baked each morning."),
        ("Regag with egg & cheese (4)", "1.200", 20, "Paper-thin bread from a hot griddle."),
        ("Cheese fatayer (12)", "2.400", 16, "Soft pastries with white cheese."),
        ("Zaatar manakish (6)", "1.800", 18, "Thyme and sesame flatbreads."),
        ("Date kleicha (10)", "1.750", 22, "Cardamom cookies stuffed with dates."),
        ("Saffron tea cake", "3.250", 7, "A light cake for the afternoon tea."),
        ("Sesame ka'ak rings (20)", "1.500", 25, "Crunchy rings for dipping in tea."),
        ("Chebab pancakes with date syrup (8)", "2.000", 0, "Yeasted pancakes with cardamom."),
        ("Spinach pies (12)", "2.400", 13, "Triangles of spinach and sumac."),
        ("Family breakfast bake box", "6.500", 4, "Bread, fatayer and sweets for six."),
    ],
    "PKL": [
        ("Mango achar 400 g", "1.750", 24, "Green mango pickle, hot and tangy."),
        ("Spicy lime pickle 350 g", "1.500", 19, "Whole limes with chilli and fenugreek."),
        ("Date jam 300 g", "2.000", 21, "Khalas dates cooked down with cardamom."),
        ("Fig preserve 300 g", "2.250", 12, "Whole figs in a light syrup."),
        ("Mixed vegetable torshi 500 g", "1.800", 15, "Crunchy vegetables in spiced vinegar."),
        ("Green chilli pickle 250 g", "1.250", 28, "For those who like it hot."),
        ("Date syrup (dibs) 500 ml", "2.500", 17, "Pure date syrup, nothing added."),
        ("Rose petal jam 250 g", "2.750", 9, "Fragrant jam of Taif rose petals."),
        ("Pickled turnips 500 g", "1.300", 0, "Pink turnips, pickled with beetroot."),
        ("Preserves gift trio", "5.500", 8, "Date jam, fig preserve and dibs."),
    ],
    "PLM": [
        ("Hand-woven palm basket", "4.500", 18, "A sturdy everyday basket of palm fronds."),
        ("Mikabba palm food cover", "6.000", 10, "The conical cover for the sufra."),
        ("Palm floor mat (hasir) 120 × 180 cm", "12.000", 4, "A cool mat for the majlis floor."),
        ("Palm hand fan (mahaffa)", "1.750", 30, "A woven fan with coloured borders."),
        ("Palm coasters (4)", "2.000", 26, "Round coasters in natural and red."),
        ("Lidded palm date basket", "5.250", 12, "For serving dates to guests."),
        ("Palm placemats (6)", "7.500", 8, "Oval mats woven in two colours."),
        ("Palm shopping bag", "6.750", 0, "A strong bag with leather handles."),
        ("Palm wall hanging", "8.000", 6, "A round hanging in Sitra colours."),
        ("Mini palm Eid baskets (5)", "3.500", 20, "Little baskets for Eid sweets."),
    ],
    "POT": [
        ("A'ali clay water jar (hibb)", "9.000", 6, "Keeps water cool the old way."),
        ("Large terracotta plant pot", "5.500", 14, "Unglazed, with a drainage hole."),
        ("Glazed serving bowl", "4.750", 11, "A deep bowl in a sand glaze."),
        ("Clay coffee cups (6)", "6.000", 9, "Small cups for Arabic coffee."),
        ("Clay money box", "2.250", 25, "A traditional piggy bank for children."),
        ("Hand-thrown vase, sand glaze", "7.250", 0, "Thrown on the wheel, glazed by hand."),
        ("Clay candle lantern", "4.000", 15, "Pierced clay throws patterned light."),
        ("Terracotta tagine", "8.500", 5, "For slow-cooked stews."),
        ("Pottery tea-light holders (3)", "3.000", 22, "Three sizes, one glaze."),
        ("Miniature clay jars set", "3.750", 17, "Six tiny jars, a souvenir of A'ali."),
    ],
    "EMB": [
        ("Gold naqda cushion cover", "9.500", 10, "Metal-thread naqda on black cotton."),
        ("Embroidered table runner", "12.500", 6, "Two metres of hand embroidery."),
        ("Cross-stitch Quran cover", "7.000", 12, "A zipped cover in cross-stitch."),
        ("Embroidered tissue box cover", "4.250", 19, "Fits a standard tissue box."),
        ("Embroidered bukhnaq for girls", "8.750", 7, "The traditional head cover for Gargaoon."),
        ("Embroidered prayer mat", "15.000", 4, "Soft velvet with a stitched border."),
        ("Embroidered napkins (6)", "6.500", 0, "Cotton napkins with a palm motif."),
        ("Embroidered wall frame", "10.000", 5, "A framed panel of naqda work."),
        ("Embroidered tote bag", "5.750", 16, "Canvas tote with a stitched dhow."),
        ("Embroidered bookmark set (3)", "1.500", 35, "Three bookmarks, three patterns."),
    ],
    "ABY": [
        ("Classic black abaya", "28.000", 9, "Soft nidha fabric, a timeless cut."),
        ("Abaya with embroidered sleeves", "35.000", 6, "Hand embroidery at the cuffs."),
        ("Linen summer abaya", "32.500", 5, "Light linen for the hot months."),
        ("Open-front kimono abaya", "30.000", 7, "Loose and easy over any outfit."),
        ("Abaya with pearl trim", "45.000", 2, "Freshwater pearls along the front."),
        ("Girls' abaya (6–10 years)", "14.000", 12, "A small abaya for school events."),
        ("Crepe everyday abaya", "24.500", 10, "Crease-resistant for daily wear."),
        ("Abaya with Sadu border", "38.000", 0, "A woven Sadu strip at the hem."),
        ("Travel abaya with pockets", "26.000", 8, "Deep pockets and a zip front."),
        ("Abaya & shayla set", "40.000", 4, "Matching abaya and shayla."),
    ],
    "JLB": [
        ("Gold-embroidered thoub nashal", "65.000", 3, "The festive Bahraini dress."),
        ("Cotton house jalabiya", "12.000", 20, "Breathable cotton for home."),
        ("Ramadan jalabiya, velvet trim", "22.000", 8, "For the evenings of Ramadan."),
        ("Girls' Gargaoon jalabiya", "9.500", 15, "Bright and sparkly for Gargaoon night."),
        ("Embroidered kaftan jalabiya", "27.500", 6, "A wide kaftan with a stitched neckline."),
        ("Linen jalabiya, sand", "18.000", 9, "Natural linen in a sand colour."),
        ("Henna-night jalabiya", "34.000", 0, "Green and gold for the henna night."),
        ("Printed cotton jalabiya", "11.500", 18, "Everyday cotton in a floral print."),
        ("Mother & daughter jalabiya set", "39.000", 5, "Two matching jalabiyas."),
        ("Chiffon evening jalabiya", "29.000", 7, "Layered chiffon with beading."),
    ],
    "ACC": [
        ("Embroidered shayla", "6.500", 20, "A chiffon shayla with a stitched edge."),
        ("Pearl bead bracelet", "8.000", 11, "Freshwater pearls on silk cord."),
        ("Hand-beaded abaya belt", "7.500", 9, "A beaded belt to wear over an abaya."),
        ("Embroidered clutch bag", "11.000", 6, "A small clutch with naqda work."),
        ("Sadu-print silk scarf", "9.000", 10, "Silk printed with a Sadu pattern."),
        ("Pearl hair pins (4)", "3.250", 24, "Four pins with small pearls."),
        ("Embroidered phone pouch", "3.750", 17, "A soft pouch on a cord."),
        ("Date-seed tasbih", "2.500", 30, "Prayer beads carved from date seeds."),
        ("Naqda headband", "2.750", 0, "A headband with gold threadwork."),
        ("Shayla & brooch gift box", "12.500", 5, "Gift-wrapped, ready for Eid."),
    ],
    "DHW": [
        ("Boom dhow model 40 cm", "25.000", 5, "The great trading dhow, in teak."),
        ("Jalibut dhow model 30 cm", "18.000", 6, "A square-sterned fishing dhow."),
        ("Battil pearling dhow model 60 cm", "48.000", 2, "The pearling boat of old Bahrain."),
        ("Mini dhow key holder", "3.500", 30, "A tiny dhow on a key ring."),
        ("Dhow model in glass case", "65.000", 1, "Fully rigged, in a display case."),
        ("Sambuk dhow model 25 cm", "14.000", 8, "A sambuk with cotton sails."),
        ("Dhow model kit for children", "6.500", 12, "Pre-cut pieces, glue and paint."),
        ("Dhow wall plaque", "9.000", 0, "A half-hull carving for the wall."),
        ("Dhow bookends (pair)", "12.000", 4, "Two half dhows holding your books."),
        ("Pearl diver's tools miniature", "15.500", 3, "Nose clip, basket and stone in miniature."),
    ],
    "SDU": [
        ("Sadu cushion cover", "8.500", 12, "Red and black Sadu on wool."),
        ("Sadu table runner", "11.000", 7, "A long runner in traditional stripes."),
        ("Sadu camel bag (khurj)", "22.000", 3, "The double saddle bag, woven whole."),
        ("Sadu coasters (4)", "3.500", 25, "Four woven coasters."),
        ("Sadu wall hanging", "16.000", 5, "A hanging with the eye motif."),
        ("Sadu floor rug 80 × 150 cm", "45.000", 0, "Hand-woven on a ground loom."),
        ("Sadu bookmark", "1.000", 40, "A narrow band of Sadu weave."),
        ("Sadu bag strap", "4.500", 15, "A strong woven strap for any bag."),
        ("Sadu tote bag", "13.500", 6, "Canvas tote with a Sadu panel."),
        ("Sadu tissue box cover", "5.000", 10, "A woven cover for the majlis."),
    ],
    "TOY": [
        ("Dawama spinning top", "1.500", 35, "The wooden top with its string."),
        ("Wooden dhow pull toy", "4.000", 14, "A dhow on wheels for little sailors."),
        ("Cloth doll in Bahraini dress", "6.500", 9, "A soft doll in a thoub nashal."),
        ("Marbles bag (teela)", "1.250", 30, "Glass marbles in a cotton bag."),
        ("Haloosa board game", "7.500", 6, "The pit-and-pebble game, carved in wood."),
        ("Wooden camel on wheels", "5.000", 11, "A pull-along camel for toddlers."),
        ("Embroidered Gargaoon bag", "2.250", 0, "For collecting sweets on Gargaoon night."),
        ("Palm-frond horse", "3.000", 16, "A hobby horse of palm fronds."),
        ("Children's tabl drum", "4.500", 8, "A small drum with a goatskin head."),
        ("Traditional games set", "9.500", 5, "Top, marbles and haloosa in one box."),
    ],
}


def product_makers() -> dict[str, list[ProducerSpec]]:
    """For each sub-category (SKU prefix), the producers who make it, in table order."""
    return {prefix: [p for p in PRODUCERS if prefix in p.makes] for prefix in SUBCATEGORIES}


def products_by_producer() -> dict[str, list[tuple[str, str, tuple[str, str, int, str]]]]:
    """Each producer's products as (SKU, prefix, row), shared out in turn among the makers."""
    makers = product_makers()
    shares: dict[str, list] = {p.name: [] for p in PRODUCERS}
    for prefix, rows in PRODUCTS.items():
        for index, row in enumerate(rows):
            maker = makers[prefix][index % len(makers[prefix])]
            shares[maker.name].append((f"MJ-{prefix}-{index + 1:02d}", prefix, row))
    return shares


def _tint(colour: tuple[int, int, int], amount: float) -> tuple[int, int, int]:
    return tuple(round(c + (255 - c) * amount) for c in colour)  # type: ignore[return-value]


_TURNS = [None, Image.Transpose.ROTATE_90, Image.Transpose.ROTATE_180, Image.Transpose.ROTATE_270]


def product_picture(*, colour: tuple[int, int, int], seed: str, size: int = 600) -> bytes:
    """A JPEG square in a package's colour: a gradient with a few soft shapes, seeded."""
    rng = random.Random(seed)
    gradient = Image.linear_gradient("L").resize((size, size))
    turn = rng.choice(_TURNS)
    if turn is not None:
        gradient = gradient.transpose(turn)
    picture = ImageOps.colorize(gradient, black=colour, white=_tint(colour, 0.7))
    draw = ImageDraw.Draw(picture, "RGBA")
    if rng.random() < 0.5:
        step = rng.randrange(40, 90)
        for x in range(-size, size, step):
            draw.line([(x, size), (x + size, 0)], fill=(255, 255, 255, 40), width=step // 4)
    for _ in range(rng.randint(3, 6)):
        x, y = rng.randrange(size), rng.randrange(size)
        r = rng.randrange(size // 12, size // 4)
        fill = (*_tint(colour, rng.uniform(0.3, 0.95)), rng.randrange(90, 200))
        shape = rng.choice(["ellipse", "rectangle", "triangle"])
        if shape == "ellipse":
            draw.ellipse([x - r, y - r, x + r, y + r], fill=fill)
        elif shape == "rectangle":
            draw.rounded_rectangle([x - r, y - r, x + r, y + r], radius=r // 4, fill=fill)
        else:
            draw.polygon([(x, y - r), (x + r, y + r), (x - r, y + r)], fill=fill)
    out = BytesIO()
    picture.save(out, "JPEG", quality=80)
    return out.getvalue()
