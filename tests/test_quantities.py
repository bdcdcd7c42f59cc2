"""checker.quantities.extract on real news sentences, one family of rules at a time."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.quantities import extract

INF = None


def only(text: str):
    found = extract(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Gladkov said around 9,000 children would be evacuated from the region.", 9000),
        ("The engine displaces 1.5 litres.", 1.5),
        ("The index closed at 16369.03 points on Friday.", 16369.03),
        ("Ford, which has 13000 workers in the United Kingdom, said it would cut jobs.", 13000),
        ("Temperatures fell to -3 overnight in the capital.", -3),
        ("The defence ministry said 13 missiles were shot down over the region.", 13),
    ],
)
def test_digits(sentence, value):
    assert only(sentence).value == value


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Three people in the region had been injured by debris.", 3),
        ("Police said twenty-one people were taken to hospital.", 21),
        ("A hundred and two passengers were on board the ferry.", 102),
        ("Nine thousand residents lost power after the storm.", 9000),
        ("A dozen protesters were detained outside the embassy.", 12),
        ("The race ended after two and a half hours.", 2.5),
    ],
)
def test_number_words(sentence, value):
    assert only(sentence).value == value


def test_one_more_is_an_increment():
    q = only("One more fatality was found as a result of rescue operations.")
    assert (q.value, q.change, q.unit) == (1, "up", "fatality")


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("Each one was valued at around $15m, the agency said.", 15e6, "dollar"),
        ("The company raised $1.5bn in the offering.", 1.5e9, "dollar"),
        ("The September crude contract was up 19 cents at US$58.24 per barrel.", 58.24, "dollar per barrel"),
        ("The government set aside £2 billion for flood defences.", 2e9, "pound sterling"),
        ("The court fined the company 15 million rubles on Tuesday.", 15e6, "ruble"),
        ("The deal is worth 800 million dollars over five years.", 800e6, "dollar"),
        ("The fine is 10.5 million Australian dollars, the regulator said.", 10.5e6, "australian dollar"),
        # a scale word hyphenated to its number is its scale, not a range "2 to 1,000,000" (GVA copy, LA Times style)
        ("He is being held in the Mansfield Jail on $2-million bond.", 2e6, "dollar"),
        ("Raul Ibanez signed a three-year, $31.5-million contract with the Phillies.", 31.5e6, "dollar"),
    ],
)
def test_money(sentence, value, unit):
    q = next(q for q in extract(sentence) if (q.unit and q.unit.startswith(unit.split()[0])) or q.unit == unit)
    assert q.value == pytest.approx(value)
    assert q.unit == unit


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("Shares of the miner rose 19 per cent on Monday.", 19, "percent"),
        ("Footballers pledge 1% of their earnings to charity.", 1, "percent"),
        ("A third of the population lives in the south east.", 1 / 3, None),
        ("Half of the city was left without power.", 0.5, None),
        ("The Fed raised rates by 0.25 percentage points.", 0.25, "percentage point"),
    ],
)
def test_percentages_and_fractions(sentence, value, unit):
    q = extract(sentence)[0]
    assert q.value == pytest.approx(value)
    if unit:
        assert q.unit == unit


@pytest.mark.parametrize(
    ("sentence", "low", "high"),
    [
        ("Officials said 10 to 12 people were still missing.", 10, 12),
        ("Officials said 10-12 people were still missing.", 10, 12),
        ("The storm left between 5 and 6 inches of rain.", 5, 6),
        ("It will boost the range from 252 to 287 miles.", 252, 287),
        ("Two or three people were seen fleeing the scene.", 2, 3),
        ("Apple now expects revenue of $89 to $93 billion.", 89e9, 93e9),
        ("World temperatures dropped by 1 to 1.5 degrees Celsius.", 1, 1.5),
    ],
)
def test_ranges(sentence, low, high):
    q = only(sentence)
    assert (q.qualifier, q.value, q.low, q.high) == ("range", None, pytest.approx(low), pytest.approx(high))


@pytest.mark.parametrize(
    ("sentence", "qualifier", "low", "high"),
    [
        ("At least 34 people were killed in the attack.", "at_least", 34, INF),
        ("More than 20 people were injured, officials said.", "more_than", 20, INF),
        ("Up to 16 people may have been hurt.", "at_most", 0, 16),
        ("As many as 14 first-team players left the club.", "at_most", 0, 14),
        ("Fewer than 50 people attended the vigil.", "less_than", 0, 50),
        ("Nearly 100 homes were damaged in the storm.", "less_than", 90, 100),
        ("Almost 100 homes were damaged in the storm.", "less_than", 90, 100),
        ("About 9,000 children would be evacuated.", "approximate", 8100, 9900),
        ("Around 9,000 children would be evacuated.", "approximate", 8100, 9900),
        ("The company has 1,000 customers or more.", "at_least", 1000, INF),
    ],
)
def test_qualifiers_are_intervals(sentence, qualifier, low, high):
    q = only(sentence)
    assert q.qualifier == qualifier
    assert q.low == pytest.approx(low)
    assert q.high == (None if high is None else pytest.approx(high))
    assert q.text.lower().startswith(sentence.split()[0].lower()) or qualifier == "at_least"


@pytest.mark.parametrize(
    ("sentence", "low", "high"),
    [
        ("City officials were forced to evacuate hundreds and extend school closures.", 100, 1000),
        ("Dozens of people were killed in shootings at two mosques.", 12, 120),
        ("Several people were wounded in the shelling.", 3, 9),
        ("A handful of protesters gathered outside.", 2, 6),
        ("Thousands of residents fled the fires.", 1000, 10000),
        ("There are tens of thousands of students at the university.", 10000, 100000),
    ],
)
def test_vague_amounts(sentence, low, high):
    q = extract(sentence)[0]
    assert (q.qualifier, q.value, q.low, q.high) == ("vague", None, low, high)


@pytest.mark.parametrize(
    ("sentence", "value", "change"),
    [
        ("The death toll rose to 5 on Sunday.", 5, None),
        ("The death toll had grown to three.", 3, None),
        ("The figure rose by 3 overnight.", 3, "up"),
        ("The crude contract was up 19 cents.", 19, "up"),
        ("Shares fell 3 per cent in early trading.", 3, "down"),
        ("Police found 3 more victims on Monday.", 3, "up"),
        ("Air defence systems shot down 13 missiles.", 13, None),
        ("She will give up $19 million in unvested stock.", 19_000_000, None),
        ("He was blasted for locking up 500,000 acres of land.", 500_000, None),
        ("Police are rounding up 30 suspects.", 30, None),
        ("The index went up 19 points.", 19, "up"),
    ],
)
def test_changes(sentence, value, change):
    q = only(sentence)
    assert (q.value, q.change) == (value, change)


@pytest.mark.parametrize(
    "sentence",
    [
        "The attack happened on March 29 in the evening.",
        "A man born in 1955 was found under the rubble.",
        "Missiles were shot down at 11:30 a.m. Moscow time.",
        "He spoke after winning a fifth term in office.",
        "She finished 21st in the downhill.",
        "Call the hotline on 555-123-4567 for information.",
        "The shooting happened in the 300 block of North Street.",
        "Police were called to 1600 Pennsylvania Avenue.",
        "Pilots flew F-16 jets past two Pantsir-S1 systems.".replace(" two", ""),
        "COVID-19 cases and S-300 batteries were discussed.",
        "2 Min read",
        "Tips go to the sheriff's office at (904) 630-0500.",
        "UPDATE 2/19/17: police gave new details.",
        "The men, all in their 20's, fled.",
        "Her fiance called 911 and performed CPR.",
    ],
)
def test_not_quantities(sentence):
    assert extract(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Police said an 18-year-old was arrested.",
        "Evaldas Rimasauskas, a 50 year-old man, pled guilty.",
        "The victim, aged 21, died.",
        "Police said a 9-yr-old boy was shot.",
        "Kansas City man charged in death of boy, 3",
        "The death of a 6-yo shook the town.",
        "SIXTEEN YEAR OLD CHILD DIES",
    ],
)
def test_ages_are_years_not_people(sentence):
    q = only(sentence)
    assert q.unit == "year"


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("The new turbine delivers 450 Nm of torque.", 450, "newton metre"),
        ("The chip is built on a 5 nm process.", 5, "nanometre"),
        ("The film is just 0.03 millimeter thick.", 0.03, "millimetre"),
        ("The plant will store 35 GWh of power.", 35, "gigawatt hour"),
        ("It was 12 C in Kyiv at noon.", 12, "celsius"),
        ("The flat has a floor area of 32m2.", 32, "square metre"),
        ("The fund charges clients with more than 7.5 million Danish crowns.", 7.5e6, "danish krone"),
        ("The company closed at 118.5p after its shares climbed.", 118.5, "penny"),
        ("The bank rose 18 sen on the Kuala Lumpur exchange.", 18, "sen"),
        ("Operating profit rose to Y=880 billion.", 880e9, "japanese yen"),
        ("They pay a $3,500 a month mortgage.", 3500, "dollar per month"),
        ("Spot gold traded at $1,271.2 an ounce.", 1271.2, "dollar per ounce"),
        ("The city has a single 52,000 barrel-a-day refinery.", 52000, "barrel per day"),
        ("Among his approximately 300 recorded songs were three hits.".replace(" were three hits", ""), 300, "song"),
        ("About 60 commercial fishermen work from the port.", 60, "commercial fisherman"),
        ("He shot 32.3% from three-point range.".replace("32.3% from ", ""), 3, "point"),
        ("The mass is about 1.99×10−30 kilograms.", 1.99e-30, "kilogram"),
    ],
)
def test_units_as_the_text_names_them(sentence, value, unit):
    q = only(sentence)
    assert math.isclose(q.value, value, rel_tol=1e-9)
    assert q.unit == unit


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [("Two other men were wounded.", "man"), ("Three more children were found.", "child")],
)
def test_other_and_more_before_a_plural_leave_its_noun(sentence, unit):
    assert only(sentence).unit == unit


def test_half_an_hour_is_a_duration():
    assert only("He died about half an hour later.").unit == "hour"


def test_a_year_earlier_is_no_rate():
    q = extract("Revenue rose to $7.36 billion from $6.78 billion a year earlier.")[1]
    assert (q.value, q.unit) == (6.78e9, "dollar")


def test_a_shared_compound_noun_reaches_every_number():
    assert [q.unit for q in extract("It comes with four-, five- and six-cylinder engines.")] == ["cylinder"] * 3


@pytest.mark.parametrize(
    ("sentence", "qualifier", "change"),
    [
        ("It makes just under 296 hp (224 kW) at full power.", "less_than", None),
        ("Temperatures dropped by 1 to 1.5 degrees Celsius (1.8 to 2.7 Fahrenheit).", "range", "down"),
        ("Deposits of more than 7.5 million euros ($8.2 million) will be charged.", "more_than", None),
    ],
)
def test_a_bracketed_conversion_restates_bound_and_change(sentence, qualifier, change):
    first, converted = extract(sentence)
    assert (converted.qualifier, converted.change) == (qualifier, change) == (first.qualifier, first.change)


def test_a_bracketed_part_is_not_a_conversion():
    part = extract("At least 5 people (3 children) were killed.")[1]
    assert (part.value, part.qualifier) == (3, "exact")


def test_a_list_item_without_its_verb_keeps_the_change():
    assert [q.change for q in extract("Ross was down 2.3%, Burlington by 2.6% before the bell.")] == ["down", "down"]


@pytest.mark.parametrize(
    ("sentence", "low", "high"),
    [
        ("Bitcoin plummeted from $36,040 at 10.45pm last night to $34,935 at 5am.", 34935, 36040),
        ("Mileage rose from 20 miles per gallon in 2008 to 29 mpg in 2020.", 20, 29),
    ],
)
def test_from_and_to_across_a_time_phrase(sentence, low, high):
    q = only(sentence)
    assert (q.qualifier, q.low, q.high) == ("range", low, high)


@pytest.mark.parametrize(
    ("sentence", "value"), [("One out of three Germans rent.", 1 / 3), ("1 in 5 adults smoke.", 0.2)]
)
def test_one_in_n_is_a_share(sentence, value):
    assert math.isclose(only(sentence).value, value)


@pytest.mark.parametrize(
    "sentence",
    [
        "Hands-on with the iPhone 11 Pro and the 11 Pro Max.",
        "The debut of Boeing's own 787 Dreamliner was delayed.",
        "Prices in the 90049 ZIP Code fell.",
        "A warehouse at 16-18 Industrial Avenue was leased.",
    ],
)
def test_names_after_numbers_are_not_quantities(sentence):
    assert extract(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("Militants killed 5 Israeli soldiers near the border.", 5, "israeli soldier"),
        ("2 Dead, 3 Hurt In Saturday Night Shooting", 2, None),
        ("Two gunmen opened fire on the crowd.", 2, "gunman"),
    ],
)
def test_capitalised_words_that_describe_a_count_keep_it(sentence, value, unit):
    q = extract(sentence)[0]
    assert (q.value, q.unit) == (value, unit)


def test_spans_point_into_the_text():
    text = "At least two kindergartens and one school were damaged, and 13 missiles were shot down."
    for q in extract(text):
        assert text[q.start : q.end] == q.text


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_and_intervals_hold(text):
    for q in extract(text):
        assert text[q.start : q.end] == q.text
        if q.low is not None and q.high is not None:
            assert q.low <= q.high
        if q.value is not None and q.low is not None and q.high is not None:
            assert q.low <= q.value <= q.high
        for x in (q.value, q.low, q.high):
            assert x is None or math.isfinite(x)


NEWSY = st.sampled_from(
    [
        "at least",
        "up to",
        "about",
        "more than",
        "nearly",
        "some",
        "between",
        "and",
        "to",
        "-",
        "or",
        "$",
        "£",
        "million",
        "bn",
        "m",
        "%",
        "per cent",
        "people",
        "killed",
        "rose",
        "by",
        "more",
        "a",
        "hundred",
        "dozen",
        "dozens",
        "of",
        "thousands",
        "half",
        "third",
        "1e308",
        "NaN",
        "9" * 400,
        "1,000",
        "3.5",
        "twenty-one",
        " ",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(NEWSY, st.integers(-(10**6), 10**6).map(str)), max_size=12))
def test_newsy_word_salad_keeps_the_contract(words):
    text = " ".join(words)
    for q in extract(text):
        assert text[q.start : q.end] == q.text
        assert q.low is None or q.high is None or q.low <= q.high
        if q.value is not None and q.low is not None and q.high is not None:
            assert q.low <= q.value <= q.high


@pytest.mark.parametrize(
    ("sentence", "low", "high", "unit"),
    [
        ("Children aged 5 through 12 were vaccinated.", 5, 12, "year"),
        ("Crowds of 1500 to 2000 people gathered outside.", 1500, 2000, "person"),
        ("Between 1500 and 2000 people came to the vigil.", 1500, 2000, "person"),
        ("The insurer pays claims of 5k-20k.", 5000, 20000, None),
        ("Crews laid 1 1/2 to 3 miles of pipe a day.", 1.5, 3, "mile"),
    ],
)
def test_ranges_of_amounts(sentence, low, high, unit):
    q = only(sentence)
    assert (q.qualifier, q.low, q.high, q.unit) == ("range", low, high, unit)


@pytest.mark.parametrize(
    "sentence",
    [
        "Sales grew from 2011 to 2015 in the region.",
        "He was sentenced in June 2012 to 15 years in prison.",
        "The letter was dated in 2019 and 2020.",
    ],
)
def test_years_in_ranges_stay_years(sentence):
    assert [q for q in extract(sentence) if q.value and q.value > 1000] == []


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("Two F-16 jets escorted the airliner.", 2, "f-16 jet"),
        ("The unit has three K-9 dogs.", 3, "k-9 dog"),
        ("The influencer has 150k followers.", 150_000, "follower"),
        ("See usat.ly/2a2Pln5 for the full story.", None, None),
    ],
)
def test_letters_beside_numbers(sentence, value, unit):
    found = extract(sentence)
    if value is None:
        assert found == []
    else:
        assert [(q.value, q.unit) for q in found] == [(value, unit)]


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The national debt passed thirty-one trillion dollars.", 31e12),
        ("Analysts put the bill at a trillion dollars.", 1e12),
        ("The fund grew to two trillion and five hundred billion yen.", 2.5e12),
    ],
)
def test_trillions_in_words(sentence, value):
    assert only(sentence).value == value


@pytest.mark.parametrize(
    ("text", "unit"),
    [("He lost 15m yen.", "japanese yen"), ("It cost 2bn rupees.", "indian rupee"), ("It cost 15m pesos.", "peso")],
)
def test_a_currency_named_after_a_glued_multiplier_makes_it_millions_not_metres(text, unit):
    (q,) = extract(text)
    assert q.value >= 1_000_000 and q.unit is not None and unit.split()[-1] in q.unit
