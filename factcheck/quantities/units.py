"""The unit lexicon: every surface form a quantity's unit can take, and how it normalizes.

One table owns the knowledge of units. Each entry maps a surface (lower-cased unless it
is listed in ``CASE_SENSITIVE``) to a canonical unit name (singular English, the names
used by the CQE evaluation data) and each canonical name to its normalization target.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class UnitInfo:
    """How one canonical unit normalizes.

    ``pint_unit``/``target`` are pint expressions (``None`` when the value is kept as
    is); ``normalized_unit`` is the label stored with the normalized value.
    """

    name: str
    kind: str
    pint_unit: str | None = None
    target: str | None = None
    normalized_unit: str | None = None


def _u(name: str, kind: str, pint_unit: str | None = None, target: str | None = None,
       label: str | None = None) -> UnitInfo:
    return UnitInfo(name, kind, pint_unit, target, label or (target or name))


# canonical name -> normalization
UNIT_INFO: dict[str, UnitInfo] = {u.name: u for u in [
    # length
    _u("mile", "length", "mile", "km", "km"),
    _u("nautical mile", "length", "nautical_mile", "km", "km"),
    _u("kilometre", "length", "km", "km", "km"),
    _u("metre", "length", "m", "m", "m"),
    _u("decimetre", "length", "dm", "m", "m"),
    _u("centimetre", "length", "cm", "m", "m"),
    _u("millimetre", "length", "mm", "m", "m"),
    _u("picometre", "length", "pm", "m", "m"),
    _u("foot", "length", "ft", "m", "m"),
    _u("inch", "length", "inch", "m", "m"),
    _u("yard", "length", "yard", "m", "m"),
    # speed
    _u("mile per hour", "speed", "mph", "km/h", "km/h"),
    _u("kilometre per hour", "speed", "km/h", "km/h", "km/h"),
    _u("knot", "speed", "knot", "km/h", "km/h"),
    _u("metre per second", "speed", "m/s", "km/h", "km/h"),
    _u("mach", "speed"),
    _u("metre per millisecond", "speed", "m/ms", "km/h", "km/h"),
    _u("centimetre per millisecond", "speed", "cm/ms", "km/h", "km/h"),
    _u("kilometre per millisecond", "speed", "km/ms", "km/h", "km/h"),
    # mass
    _u("pound-mass", "mass", "lb", "kg", "kg"),
    _u("ounce", "mass", "oz", "kg", "kg"),
    _u("kilogram", "mass", "kg", "kg", "kg"),
    _u("gram", "mass", "g", "kg", "kg"),
    _u("milligram", "mass", "mg", "kg", "kg"),
    _u("microgram", "mass", "ug", "kg", "kg"),
    _u("ton", "mass", "short_ton", "t", "t"),
    _u("metric ton", "mass", "t", "t", "t"),
    _u("dram", "mass", "dram", "kg", "kg"),
    _u("microgram per gram", "ratio"),
    # volume
    _u("gallon", "volume", "gallon", "l", "l"),
    _u("litre", "volume", "l", "l", "l"),
    _u("millilitre", "volume", "ml", "l", "l"),
    _u("barrel", "volume", "oil_barrel", "l", "l"),
    _u("cubic foot", "volume", "ft**3", "m**3", "m³"),
    _u("cubic metre", "volume", "m**3", "m**3", "m³"),
    _u("tablespoon", "volume", "tablespoon", "ml", "ml"),
    _u("teaspoon", "volume", "teaspoon", "ml", "ml"),
    _u("cup", "volume", "cup", "ml", "ml"),
    # area
    _u("acre", "area", "acre", "hectare", "ha"),
    _u("hectare", "area", "hectare", "hectare", "ha"),
    _u("square metre", "area", "m**2", "m**2", "m²"),
    _u("square kilometre", "area", "km**2", "km**2", "km²"),
    _u("square mile", "area", "mi**2", "km**2", "km²"),
    _u("square foot", "area", "ft**2", "m**2", "m²"),
    # time
    _u("second", "time"), _u("minute", "time"), _u("hour", "time"), _u("day", "time"),
    _u("week", "time"), _u("month", "time"), _u("year", "time"), _u("decade", "time"),
    _u("century", "time"), _u("millisecond", "time"),
    _u("year of age", "age"), _u("month of age", "age"), _u("week of age", "age"),
    _u("day of age", "age"),
    # ratios and counts
    _u("percentage", "ratio", label="%"),
    _u("percentage point", "ratio", label="pp"),
    _u("percentage per year", "ratio", label="%/year"),
    _u("point", "count"),
    _u("count", "count", label="times"),
    # temperature and angle
    _u("celsius", "temperature", "degC", "degC", "°C"),
    _u("fahrenheit", "temperature", "degF", "degC", "°C"),
    _u("degree", "angle"),
    _u("radian", "angle"),
    _u("turn", "angle"),
    # data
    _u("bit", "data"), _u("byte", "data"), _u("kilobyte", "data"), _u("megabyte", "data"),
    _u("gigabyte", "data"), _u("terabyte", "data"), _u("megabit", "data"),
    # energy and power
    _u("megawatt", "power", "MW", "MW", "MW"), _u("kilowatt", "power", "kW", "kW", "kW"),
    _u("gigawatt", "power", "GW", "GW", "GW"), _u("kilowatt hour", "energy", "kWh", "kWh", "kWh"),
    _u("kiloton", "energy"), _u("megaton", "energy"),
]}

# currency canonical name -> ISO-4217-like code (normalized unit for money)
CURRENCIES: dict[str, str] = {
    "dollar": "USD", "canadian dollar": "CAD", "australian dollar": "AUD",
    "hong kong dollar": "HKD", "new zealand dollar": "NZD", "mexican peso": "MXN",
    "euro": "EUR", "pound sterling": "GBP", "penny": "GBP", "cent": "USD",
    "japanese yen": "JPY", "chinese yuan": "CNY", "swiss franc": "CHF",
    "rupee": "INR", "sri lankan rupee": "LKR", "ruble": "RUB", "won": "KRW",
    "bitcoin": "BTC", "satoshi": "BTC", "finnish markka": "FIM", "peseta": "ESP",
    "mark": "DEM", "netherlands guilder": "NLG", "turkish lira": "TRY",
    "costa rican colón": "CRC", "georgian lari": "GEL", "lao kip": "LAK",
    "hryvnia": "UAH", "shekel": "ILS", "rand": "ZAR", "brazilian real": "BRL",
    "krona": "SEK", "krone": "NOK", "zloty": "PLN", "sen": "MYR",
    "singapore dollar": "SGD", "naira": "NGN", "danish krone": "DKK", "baht": "THB",
    "rupiah": "IDR", "ringgit": "MYR", "cfa franc": "XOF", "pakistani rupee": "PKR",
    "dirham": "AED", "riyal": "SAR", "dinar": "IQD", "shilling": "KES",
}
# sub-units: the value is divided by this to give the normalized amount
CURRENCY_SUBUNIT: dict[str, float] = {"cent": 100.0, "penny": 100.0, "satoshi": 1e8}

# surface -> canonical unit name (keys lower case)
UNIT_SURFACES: dict[str, str] = {}


def _add(name: str, *surfaces: str) -> None:
    for s in surfaces:
        UNIT_SURFACES[s] = name


_add("mile", "mile", "miles", "mi")
_add("nautical mile", "nautical mile", "nautical miles", "nmi")
_add("kilometre", "km", "kms", "kilometer", "kilometers", "kilometre", "kilometres")
_add("metre", "m", "meter", "meters", "metre", "metres")
_add("decimetre", "dm", "decimeter", "decimeters", "decimetre", "decimetres")
_add("centimetre", "cm", "centimeter", "centimeters", "centimetre", "centimetres")
_add("millimetre", "mm", "millimeter", "millimeters", "millimetre", "millimetres")
_add("picometre", "picometer", "picometers", "picometre", "picometres")
_add("foot", "ft", "foot", "feet", "'", "′")
_add("inch", "inch", "inches", '"', "″")
_add("yard", "yard", "yards", "yd", "yds")
_add("mile per hour", "mph", "miles per hour", "mile per hour", "miles an hour",
     "mile an hour", "miles-per-hour", "mi/h")
_add("kilometre per hour", "km/h", "kph", "kmph", "km/hr", "kmh", "kilometers per hour",
     "kilometres per hour", "kilometer per hour", "kilometre per hour", "kilometers an hour",
     "kilometres an hour")
_add("metre per second", "m/s", "meters per second", "metres per second")
_add("metre per millisecond", "meters per millisecond", "metres per millisecond", "m/ms")
_add("centimetre per millisecond", "centimeters/millisecond", "centimetres/millisecond",
     "centimeters per millisecond", "cm/ms")
_add("kilometre per millisecond", "km/ms", "kilometers per millisecond")
_add("knot", "knot", "knots")
_add("mach", "mach")
_add("pound-mass", "lb", "lbs", "pound", "pounds")
_add("ounce", "ounce", "ounces", "oz")
_add("kilogram", "kg", "kgs", "kilogram", "kilograms", "kilo", "kilos")
_add("gram", "g", "gram", "grams", "gramme", "grammes")
_add("milligram", "mg", "milligram", "milligrams")
_add("microgram", "μg", "µg", "ug", "microgram", "micrograms", "microgramme", "microgrammes")
_add("microgram per gram", "micrograms per gram", "microgrammes per gramme",
     "microgram per gram")
_add("ton", "ton", "tons")
_add("metric ton", "tonne", "tonnes", "metric ton", "metric tons", "metric tonnes", "t")
_add("dram", "dram", "drams", "drachma", "drachmas")
_add("gallon", "gallon", "gallons", "gal")
_add("litre", "litre", "litres", "liter", "liters", "l")
_add("millilitre", "ml", "millilitre", "millilitres", "milliliter", "milliliters")
_add("barrel", "barrel", "barrels", "bbl")
_add("cubic foot", "cubic feet", "cubic foot", "cu ft")
_add("cubic metre", "cubic meters", "cubic metres", "cubic meter", "cubic metre", "m3", "m³")
_add("tablespoon", "tablespoon", "tablespoons", "tbsp")
_add("teaspoon", "teaspoon", "teaspoons", "tsp")
_add("cup", "cup", "cups")
_add("acre", "acre", "acres")
_add("hectare", "hectare", "hectares", "ha")
_add("square metre", "square meters", "square metres", "square meter", "square metre",
     "sq m", "m2", "m²")
_add("square kilometre", "square kilometers", "square kilometres", "square kilometer",
     "square kilometre", "sq km", "km2", "km²")
_add("square mile", "square miles", "square mile", "sq mi")
_add("square foot", "square feet", "square foot", "sq ft")
_add("millisecond", "millisecond", "milliseconds", "ms")
_add("second", "second", "seconds", "secs")
_add("minute", "minute", "minutes", "mins")
_add("hour", "hour", "hours", "hrs")
_add("day", "day", "days")
_add("week", "week", "weeks")
_add("month", "month", "months")
_add("year", "year", "years", "yrs")
_add("decade", "decade", "decades")
_add("century", "century", "centuries")
_add("year of age", "years old", "year old", "years of age", "year of age", "yo",
     "-year-old", "- year - old", "year-old")
_add("month of age", "months old", "month old", "months of age", "month of age")
_add("week of age", "weeks old", "week old", "weeks of age", "week of age")
_add("day of age", "day old", "days old", "days of age")
_add("percentage", "%", "percent", "per cent", "pc")
_add("percentage point", "percentage point", "percentage points", "points of percentage")
_add("percentage per year", "% per annum", "% a year", "percent a year",
     "percent per year", "% per year", "percent per annum")
_add("point", "point", "points")
_add("count", "times")
_add("celsius", "celsius", "celcius", "centigrade", "centigrate", "°c", "° celsius", "°celsius",
     "degrees celsius",
     "degree celsius", "degrees c", "degree c", "deg c", "deg celsius", "degrees centigrade",
     "degrees celcius")
_add("fahrenheit", "fahrenheit", "farenheit", "°f", "° fahrenheit", "°fahrenheit",
     "degrees fahrenheit", "degree fahrenheit",
     "degrees f", "degree f", "deg f", "degrees farenheit", "deg fahrenheit")
_add("degree", "degree", "degrees", "°", "deg", "deg.")
_add("radian", "rad", "radian", "radians")
_add("turn", "turn", "turns")
_add("bit", "bit", "bits", "-bit")
_add("byte", "byte", "bytes")
_add("kilobyte", "kb", "kilobyte", "kilobytes")
_add("megabyte", "megabyte", "megabytes")
_add("gigabyte", "gb", "gigabyte", "gigabytes")
_add("terabyte", "tb", "terabyte", "terabytes")
_add("megawatt", "mw", "megawatt", "megawatts")
_add("kilowatt", "kw", "kilowatt", "kilowatts")
_add("gigawatt", "gw", "gigawatt", "gigawatts")
_add("kilowatt hour", "kwh", "kilowatt hour", "kilowatt hours", "kilowatt-hours")
_add("kiloton", "kiloton", "kilotons", "kt")
_add("megaton", "megaton", "megatons")

# Surfaces whose meaning depends on case; looked up before the lower-cased table.
CASE_SENSITIVE: dict[str, str] = {"MB": "megabyte", "mb": "megabit", "Mb": "megabit",
                                  "GB": "gigabyte", "KB": "kilobyte", "TB": "terabyte"}

# Units written glued to the number only ("-5C", "98F"): alone, C and F are letters.
GLUED_UNITS: dict[str, str] = {"C": "celsius", "F": "fahrenheit"}

# Currency words after the number (lower case) -> canonical currency
CURRENCY_WORDS: dict[str, str] = {}


def _cur(name: str, *surfaces: str) -> None:
    for s in surfaces:
        CURRENCY_WORDS[s] = name


_cur("dollar", "dollar", "dollars", "usd", "us dollar", "us dollars", "u.s. dollars",
     "u.s. dollar", "american dollars", "bucks", "$")
_cur("canadian dollar", "canadian dollar", "canadian dollars", "cad")
_cur("australian dollar", "australian dollar", "australian dollars", "aud")
_cur("hong kong dollar", "hong kong dollar", "hong kong dollars", "hkd")
_cur("new zealand dollar", "new zealand dollar", "new zealand dollars", "nzd")
_cur("mexican peso", "mexican peso", "mexican pesos", "mxn", "pesos")
_cur("euro", "euro", "euros", "eur", "€")
_cur("pound sterling", "pound sterling", "pounds sterling", "gbp", "sterling", "£", "quid")
_cur("penny", "pence", "penny", "pennies", "p")
_cur("cent", "cent", "cents")
_cur("japanese yen", "yen", "jpy", "japanese yen", "¥")
_cur("chinese yuan", "yuan", "rmb", "cny", "renminbi", "chinese yuan", "元", "kuai")
_cur("swiss franc", "franc", "francs", "swiss franc", "swiss francs", "chf")
_cur("rupee", "rupee", "rupees", "inr", "₹")
_cur("sri lankan rupee", "ரூ", "lkr")
_cur("ruble", "ruble", "rubles", "rouble", "roubles", "rub", "₽")
_cur("won", "won", "krw", "₩")
_cur("bitcoin", "bitcoin", "bitcoins", "btc", "₿")
_cur("satoshi", "satoshi", "satoshis")
_cur("finnish markka", "finnish markka", "markka")
_cur("peseta", "peseta", "pesetas")
_cur("mark", "mark", "marks", "deutsche marks", "deutschmarks")
_cur("netherlands guilder", "guilder", "guilders", "dutch guilders")
_cur("turkish lira", "turkish lira", "lira", "try")
_cur("costa rican colón", "₡")
_cur("georgian lari", "₾")
_cur("lao kip", "₭")
_cur("hryvnia", "hryvnia", "hryvnias", "uah", "₴")
_cur("shekel", "shekel", "shekels", "ils", "₪")
# currencies the news names after a number ("2bn reais", "9.5bn kronor", "154m naira")
_cur("singapore dollar", "singapore dollar", "singapore dollars", "sgd")
_cur("brazilian real", "reais", "brazilian real", "brazilian reais", "brl")
_cur("naira", "naira", "ngn", "₦")
_cur("krona", "krona", "kronor", "swedish krona", "swedish kronor", "sek")
_cur("krone", "krone", "kroner", "norwegian krone", "norwegian kroner", "nok")
_cur("danish krone", "danish krone", "danish kroner", "dkk")
_cur("rand", "rand", "zar")
_cur("baht", "baht", "thb")
_cur("rupiah", "rupiah", "idr")
_cur("ringgit", "ringgit", "myr")
_cur("cfa franc", "cfa franc", "cfa francs")
_cur("rupee", "indian rupee", "indian rupees")
_cur("pakistani rupee", "pakistani rupee", "pakistani rupees", "pkr")
_cur("zloty", "zloty", "zlotys", "zlotych", "pln")
_cur("dirham", "dirham", "dirhams", "aed")
_cur("riyal", "riyal", "riyals", "sar")
_cur("dinar", "dinar", "dinars")
_cur("shilling", "shilling", "shillings")

# Currency markers written before the number (lower case) -> canonical currency
CURRENCY_PREFIXES: dict[str, str] = {
    "$": "dollar", "us $": "dollar", "us$": "dollar", "u.s $": "dollar", "u.s. $": "dollar",
    "usd $": "dollar", "usd$": "dollar", "usd": "dollar", "us dollar": "dollar",
    "dollar": "dollar", "c $": "canadian dollar", "c$": "canadian dollar",
    "cad$": "canadian dollar", "cad $": "canadian dollar", "cad": "canadian dollar",
    "A$": "australian dollar", "aud$": "australian dollar",
    "aud $": "australian dollar", "aud": "australian dollar", "hk $": "hong kong dollar",
    "hk$": "hong kong dollar", "nz $": "new zealand dollar", "nzd$": "new zealand dollar",
    "nzd": "new zealand dollar", "mex$": "mexican peso", "mxn$": "mexican peso",
    "mxn": "mexican peso", "£": "pound sterling", "gbp": "pound sterling", "€": "euro",
    "eur": "euro", "¥": "japanese yen", "jpy": "japanese yen", "rmb": "chinese yuan",
    "cny": "chinese yuan", "₹": "rupee", "rs": "rupee", "rs.": "rupee", "inr": "rupee",
    "₿": "bitcoin", "₽": "ruble", "₩": "won", "₴": "hryvnia", "₪": "shekel",
    "chf": "swiss franc", "sen": "sen", "btc": "bitcoin",
    "s$": "singapore dollar", "sgd": "singapore dollar", "nz$": "new zealand dollar",
    "r$": "brazilian real", "₦": "naira", "&#163;": "pound sterling",
    # the pound sign as mis-decoded UTF-8 (Latin-1 reading), common in scraped news
    "â£": "pound sterling",
}
# "MUSD" style: million of a currency code
MILLION_CODES: dict[str, str] = {"musd": "dollar", "meur": "euro", "mgbp": "pound sterling",
                                 "maud": "australian dollar", "mchf": "swiss franc"}


def unit_info(name: str) -> UnitInfo | None:
    """Return the normalization record of a canonical unit name, if it has one."""
    return UNIT_INFO.get(name)
