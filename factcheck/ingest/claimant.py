"""Who makes each claim: a person, an organisation, or the article itself.

News credits a claim in a handful of shapes, all read here:

- a reporting verb with its subject before it ("Mr Brown said", "the company estimated",
  "Ross Walker, UK economist at Royal Bank of Scotland, said", "Its chief executive, Justin
  King, said") or after it ('"...," said Zara Hyde Peters of UK Athletics', "..., observed
  Jack Boorman", "... thinks Mr Vaughan."), or a passive with "by" ("as announced by the ONS");
- "according to X", "figures from X show", "a Daily Telegraph poll suggests", "X said in a
  statement", "a spokesman for X", "X's chief executive said": a document's or spokesman's
  source is read in its own noun phrase first, then where the article named that document
  ("a report by the IFS ... the report found"), in the opening sentences the document the
  next sentences name, then the body the claim itself names ("a bank spokesman");
- quotations, which may run over several sentences and paragraphs: each sentence inside an
  open quotation belongs to the speaker named before ('X said: "') or after ('," he added')
  the quotation, or, failing both, to the speaker quoted last;
- pronouns and descriptions ("he", "it", "the firm", "the minister", "the 27-year-old") are
  resolved to the nearest fitting name mentioned before.

Names resolve to the fullest form the article gives ("Mr Brown" -> "Gordon Brown", "the
IMF" -> "International Monetary Fund" when the article spells it out, "Stuff" -> "Stuff
Magazine"); an unnamed spokesman or statement of a named body is credited to the body. A name
is an organisation when the article treats it as one anywhere ("Chelsea have", "bookmaker
William Hill", "Virgin Blue chief executive"); plurals and numbers ("Analysts", "Three-quarters")
are nobody.

A sentence's answer depends on the text and on the sentences before it only (the speaker
quoted last), so ingest attributes just the sentences that can become claims, pulling the
earlier ones a claim needs (see ``Attributor``).

Every look-up is bounded (a window of characters around a verb or a quotation mark, a
bisect into the sorted name mentions, at most a few sentences back), so text of any shape,
even 400 kB without a full stop, costs time linear in its length.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Sequence
from dataclasses import dataclass, field

from factcheck.core.vocabulary import CLAIMANT_KINDS
from factcheck.ingest.segment import Span, split_sentences
from factcheck.ingest.wordre import alternation, split_words

PERSON, ORGANISATION, OUTLET = CLAIMANT_KINDS

# The verbs of reported speech (the check-worthiness score counts these as attribution).
REPORTING_VERBS = (r"said|says|say|emphasized|emphasised|stressed|suggested|suggests|"
                   r"highlighted|highlights|pointed\s+out|points\s+out|noted|notes|claimed|"
                   r"claims|argued|argues|warned|warns|stated|states|told|tells|added|insisted|"
                   r"downplayed|acknowledged|announced|announces|confirmed|confirms|estimated|"
                   r"predicted|reported|reports|revealed|wrote|writes|explained|explains|"
                   r"admitted|denied|denies|believes|believed|thinks|maintained|contended|"
                   r"asserted|alleged|testified|tweeted|posted|cautioned|conceded")
# Attribution also reads these: more verbs of saying, and the verbs that documents, surveys
# and figures take ("the poll found", "figures show").
MORE_VERBS = (r"adds|insists|replied|replies|reckons|reckoned|forecast|forecasts|expects|"
              r"expected|estimates|predicts|admits|concedes|accepts|accepted|agreed|agrees|"
              r"observed|observes|joked|asked|asks|explained|continued|remarked|recalled|"
              r"announced|declared|declares|urged|praised|praises|"
              r"disclosed|argued|maintains|alleges|believe|think|told|"
              r"found|finds|find|showed|shows|shown|show|indicated|indicates|indicate|"
              r"suggest|reveal|reveals|concluded|concludes|conclude|"
              r"pointed\s+to|points\s+to|made\s+clear|makes\s+clear|read|reads|called|calls|"
              r"stated|predicted|warned|hinted|hints|signalled|signaled|revealed|"
              r"stressed|acknowledged|conceded|questioned|rejected|dismissed|countered|"
              r"expecting|predicting|forecasting|estimating|accused|accuses|responded|"
              r"responds|retorted|clarified")
_VERBS = alternation(split_words(REPORTING_VERBS + "|" + MORE_VERBS))
_VERB_RE = re.compile(rf"\b(?:{_VERBS})\b")
# Verbs that only documents, figures or organisations "say" with (a person's "found" is
# usually not a claim: "he found himself").
DOCUMENT_VERBS = frozenset(["found", "finds", "find", "showed", "shows", "shown", "show",
                            "indicated", "indicates", "indicate", "concluded", "concludes",
                            "conclude", "read", "reads", "pointed to", "points to"])
# Verb forms that are nouns as often ("member states", "the claims"): a verb only after a
# name or a pronoun.
_NOUN_LIKE_VERBS = frozenset(["states", "claims", "reports", "notes", "points", "calls",
                              "reads", "shows", "finds", "warns", "estimates", "forecasts",
                              "read", "show", "find", "estimate", "say", "think",
                              "believe", "suggest", "indicate", "reveal", "conclude"])
# Participles that carry the main clause's subject ("The firm closed the book, saying ...").
_PARTICIPLES = frozenset(["saying", "adding", "insisting", "warning", "claiming", "arguing",
                          "explaining", "stressing", "noting"])
_ACCORDING = ("according to", "According to", "ACCORDING TO")
# Every cue of a sentence in one scan of one trie: "according to", a reporting verb, a
# participle (told apart by the word matched; twice as fast as an alternation of groups).
_CUE_WORDS = [*split_words(REPORTING_VERBS + "|" + MORE_VERBS), *_ACCORDING, *_PARTICIPLES]
_CUE_RE = re.compile(rf"\b(?:{alternation(_CUE_WORDS)})\b")
_COMMA_BEFORE_RE = re.compile(r",\s+\Z")
_BE_BEFORE_RE = re.compile(r"\b(?:is|are|was|were|been)\s+"
                           r"(?:[a-z]+ly\s+|also\s+|now\s+|still\s+)?\Z")
_NP_END_RE = re.compile(r"[,;:.!?\"“”()]|\s[-–—]\s|\b(?:that|who|which|as|in|on)\b")

# Words between a subject and its verb: auxiliaries, adverbs, time phrases.
_SKIP_BEFORE_VERB = frozenset([
    "has", "have", "had", "also", "previously", "later", "then", "now", "recently", "earlier",
    "yesterday", "today", "reportedly", "once", "subsequently", "further", "again", "already",
    "repeatedly", "publicly", "privately", "separately", "himself", "herself", "itself",
    "would", "will", "could", "may", "might", "must", "did", "does", "do", "not", "never",
    "even", "still", "always", "quietly", "clearly", "last", "night", "week", "month", "year",
    "on", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "this", "just", "only", "however", "too", "both", "all", "had", "being", "duly",
    "openly", "formally", "initially", "originally", "officially", "finally", "apparently",
    "meanwhile", "therefore", "though", "instead", "nonetheless", "nevertheless", "indeed",
])
_PASSIVE = ("is", "was", "were", "are", "be", "been", "being", "am")
_BY_RE = re.compile(r"\s+by\s+(?=(?:the\s+)?[A-Z])")

# Titles and honorifics before a name. Ranks and peerages are kept in the name when they are
# written as part of it (see ``_canonical_person``).
RANKS = frozenset(["Gen", "Adm", "Lt", "Col", "Maj", "Capt", "Sgt", "Cmdr", "Dr", "Prof",
                   "Sen", "Rep", "Gov"])
HONORIFICS = frozenset(["Mr", "Mrs", "Ms", "Miss", "Mx", "Sir", "Dame", "Lord", "Lady",
                        "Baroness", "Baron", "Rabbi", "Rev", "Father", "Sister", "Sheikh",
                        "Imam", "Cardinal", "Archbishop", "Bishop", "Prince", "Princess",
                        "King", "Queen", "Pope", "Earl", "Duke", "Duchess", "Countess"])
PEERAGES = frozenset(["Lord", "Lady", "Baroness", "Baron", "Sir", "Dame", "Prince",
                      "Princess", "King", "Queen", "Pope", "Earl", "Duke", "Duchess"])
MALE = frozenset(["Mr", "Sir", "Lord", "Baron", "King", "Prince", "Father", "Earl", "Duke"])
FEMALE = frozenset(["Mrs", "Ms", "Miss", "Dame", "Lady", "Baroness", "Queen", "Princess",
                    "Sister", "Duchess", "Countess"])
# Roles written before a name ("Chancellor Gordon Brown", "Foreign Secretary Jack Straw").
ROLE_TITLES = frozenset([
    "President", "Minister", "Chancellor", "Secretary", "Senator", "Governor", "Mayor",
    "Judge", "Justice", "Chairman", "Chairwoman", "Chair", "Director", "Commissioner",
    "Coach", "Captain", "Manager", "Chief", "Executive", "Officer", "Leader", "General",
    "Admiral", "Ambassador", "Professor", "Spokesman", "Spokeswoman", "Inspector",
    "Superintendent", "Constable", "Detective", "Sergeant", "Colonel", "Major", "Lieutenant",
    "Commander", "Deputy", "Co-Chairman", "Vice", "Editor", "Correspondent", "QC", "MP",
    "MEP", "MSP", "AM", "Boss", "Head", "Founder", "Premier", "Speaker", "Shadow",
    "Attorney", "Solicitor", "Prosecutor", "Counsel", "Chancellor", "Treasurer",
])
# Words that make a run of capitalised words an organisation (or a document or outlet).
ORG_WORDS = frozenset([
    "Committee", "Assembly", "Nations", "Union", "Ministry", "Department", "Council",
    "Congress", "Parliament", "Senate", "House", "Army", "Navy", "Force", "Forces", "NATO",
    "Bank", "Party", "Court", "Agency", "Office", "Group", "Corporation", "Corp", "Company",
    "Co", "Inc", "Ltd", "Plc", "plc", "PLC", "LLC", "AG", "SA", "University", "College",
    "Times", "Post", "News", "Journal", "Herald", "Telegraph", "Guardian", "Mail", "Mirror",
    "Express", "Independent", "Observer", "Tribune", "Gazette", "Chronicle", "Daily",
    "Weekly", "Magazine", "Review", "Press", "Radio", "TV", "Television", "Channel",
    "Network", "Networks", "Broadcasting", "BBC", "Reuters", "Kremlin", "Pentagon",
    "Association", "Federation", "Confederation", "Society", "Institute", "Institution",
    "Foundation", "Trust", "Commission", "Board", "Authority", "Service", "Services",
    "Organisation", "Organization", "Club", "United", "Rovers", "Athletic", "Athletics",
    "City", "Town", "Wanderers", "Albion", "Rangers", "FC", "Hotspur",
    "Motors", "Airways", "Airlines", "Air", "Telecom", "Telecoms", "Communications",
    "Steel", "Energy", "Oil", "Gas", "Petroleum", "Pharmaceuticals", "Holdings",
    "Industries", "International", "Enterprises", "Entertainment", "Studios", "Pictures",
    "Records", "Music", "Games", "Software", "Systems", "Technologies", "Technology",
    "Electronics", "Insurance", "Capital", "Partners", "Securities", "Investments",
    "Research", "Analytics", "Consulting", "Management", "Project", "Centre", "Center",
    "Campaign", "Coalition", "Alliance", "Movement", "Front", "League", "Democrats",
    "Conservatives", "Tories", "Labour", "Liberal", "Greens", "Dems", "Treasury", "Exchequer",
    "Commons", "Lords", "Cabinet", "Government", "Administration", "Police", "Yard",
    "Secretariat", "Tribunal", "Fund", "Reserve", "Exchange", "Stock", "Market", "Markets",
    "Retail", "Stores", "Foods", "Brewery", "Motor", "Mobile", "Wireless", "Online",
    "Computing", "Microsystems", "Digital", "Labs", "Laboratories", "Register",
    "Festival", "Academy", "Chamber", "Unit", "Division", "Squad", "Team", "Regiment",
    "Executive", "Bureau", "Registry", "Watch", "Monitor", "Forum", "Initiative",
    "Programme", "Program", "Statistics", "Census", "Survey", "Index", "Poll",
])
# Capitalised words that are not names of claimants on their own.
NOT_NAMES = frozenset([
    "The", "A", "An", "This", "That", "These", "Those", "It", "Its", "He", "She", "They",
    "We", "I", "You", "His", "Her", "Their", "Our", "My", "Your", "In", "On", "At", "For",
    "By", "With", "From", "As", "But", "And", "Or", "If", "When", "While", "Though",
    "Although", "Of", "Additionally", "Furthermore", "However", "Meanwhile", "Concurrently",
    "Amidst", "During", "One", "Yes", "No", "Q", "FAQ", "After", "Before", "Since", "Until",
    "Despite", "Also", "Even", "So", "Then", "There", "Here", "What", "Why", "How", "Who",
    "Where", "Which", "Some", "Many", "Most", "More", "All", "Both", "Each", "Every", "Such",
    "Not", "Now", "Only", "Just", "Still", "Yet", "Last", "Next", "Other", "Another",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Mr", "Mrs", "Ms", "Dr", "Sir", "Christmas",
    "Easter", "God", "OK", "TV", "Internet", "Web", "PC", "GMT", "BST", "AM", "PM",
    "CEO", "Is", "Are", "Was", "Were", "Do", "Does", "Did", "Will", "Would", "Can", "Could",
    "Should", "Let", "Well", "Oh", "Please", "Thanks", "Instead", "Indeed", "Already",
    "Asked", "Speaking", "Commenting", "Writing", "According", "Under", "Over", "Into",
    "Through", "Without", "Within", "Among", "Against", "About", "Around", "Between",
    "To", "Up", "Out", "Off", "Down", "Like", "Unlike", "Because", "Once", "Whether",
    "Former", "New", "Old", "Top", "Big", "Little", "Young", "First", "Second", "Third",
    "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
    "Earlier", "Later", "Yesterday", "Tomorrow", "Meantime", "Separately", "Elsewhere",
    "Overall", "ISP",
])
# Nationalities, places and events: capitalised, but neither people nor claimants when
# they qualify a name ("Ukrainian President", "US giant").
DEMONYMS = frozenset([
    "British", "English", "Scottish", "Welsh", "Irish", "American", "French", "German",
    "Italian", "Spanish", "Russian", "Chinese", "Japanese", "Indian", "Australian",
    "Canadian", "European", "African", "Asian", "Israeli", "Iranian", "Iraqi", "Korean",
    "Ukrainian", "Dutch", "Belgian", "Swiss", "Austrian", "Swedish", "Norwegian", "Danish",
    "Finnish", "Polish", "Greek", "Turkish", "Brazilian", "Mexican", "Argentine",
    "Palestinian", "Arab", "Muslim", "Jewish", "Christian", "Catholic", "Western",
    "Northern", "Southern", "Eastern", "Central", "International", "National", "Federal",
    "Royal", "Republican", "Democrat", "Democratic", "Conservative", "Tory", "Labour",
    "Liberal", "Green", "Socialist", "Communist", "Nationalist", "Unionist", "Briton",
    "Frenchman", "Scot", "Welshman", "Irishman", "Englishman", "American", "Australian",
])
# Capitalised words that open sentences in the news without being names (plurals of the
# nouns for people and bodies are read by ``_is_common_noun``).
_COMMON_OPENERS = frozenset([
    "critics", "investors", "consumers", "shoppers", "voters", "fans", "residents", "workers",
    "shares", "sales", "prices", "profits", "earnings", "exports", "imports", "meantime",
    "overall", "separately", "elsewhere", "nevertheless", "instead", "opponents",
    "supporters", "campaigners", "observers", "insiders", "sources", "rival", "rivals",
])
_NUMBER_WORDS = frozenset([
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twenty",
    "thirty", "forty", "fifty", "half", "quarter", "quarters", "third", "thirds", "hundreds",
    "thousands", "millions", "billions", "dozens", "many", "most", "some", "all", "both",
])
_FIND_LIMIT = 40
_CONTRACTION_RE = re.compile(r"^[A-Z][a-z]*['’](?:ve|re|ll|d|m|t)$")
# Places written as acronyms: not a source when a claim merely mentions them
_PLACE_ACRONYMS = frozenset(["US", "UK", "USA", "UAE", "GB", "NY", "LA", "EU"])
_NAME_WORD_RE = re.compile(r"[A-Za-z][\w'’&-]*")
_BRACKETED_ACRONYM_RE = re.compile(r"\(([A-Z][A-Za-z&]*[A-Z])\)")
# (a capital first, so the scan jumps from capital to capital; the words before are checked
# after: not another word or a comma, "Mark Lewis-Francis have", "Gardener and Campbell are")
_PLURAL_SUBJECT_RE = re.compile(r"[A-Z][\w'’&-]*(?=\s+(?:have|are|were)\b)")
_TOKEN_RE = re.compile(r"[\w'’-]+")
_MODIFIER_RE = re.compile(r"^[A-Z][\w'’]*-(?:based|listed|born|owned|backed|made|run|"
                          r"registered|headquartered|controlled|funded)$")
# Letters and titles written after a name
_POSTNOMINALS = frozenset(["QC", "MP", "MEP", "MSP", "AM", "OBE", "MBE", "CBE", "KBE", "Jr",
                           "Sr", "KC", "PhD"])
# Capitalised words that open a run of capitals without being part of the name after them
# ("On Tuesday Mitsubishi", "Earlier Conservative Graham Brady", "Web portal Lycos")
_LEADING_NOISE = frozenset([
    "On", "In", "At", "For", "By", "With", "From", "As", "But", "And", "Or", "If", "When",
    "While", "Though", "Although", "Of", "After", "Before", "Since", "Until", "During",
    "Despite", "Also", "So", "Then", "Now", "Earlier", "Later", "Meanwhile", "However",
    "Additionally", "Furthermore", "Last", "Next", "This", "That", "These", "Those",
    "Yesterday", "Today", "Tomorrow", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "January", "February", "March", "July", "September", "October",
    "November", "December", "ISP", "CEO", "Even", "Only",
    "Just", "Still", "Yet", "Instead", "Indeed", "Already", "Asked", "Speaking", "Under",
    "Over", "Among", "Against", "About", "Like", "Unlike", "Because", "Once", "Whether",
])
# Nationalities that are surnames too ("Justin Green", "Dawn French")
_SURNAMES_TOO = frozenset(["Green", "French", "English", "Welsh", "Irish", "Scott"])
# Common words that are first names too ("Will Davies", "May Abbott").
_FIRST_NAMES_TOO = frozenset(["Will", "May", "June", "April", "August", "Grace", "Hope"])
_MONTHS = frozenset(["January", "February", "March", "April", "May", "June", "July",
                     "August", "September", "October", "November", "December"])
_PLACE_FIRST = frozenset(["New", "North", "South", "East", "West", "Hong", "Los",
                          "Las", "San", "Santa", "Saint", "St", "Costa", "Saudi", "Sierra",
                          "Buenos", "Rio", "Abu", "Kuala", "Tel", "Puerto", "Port", "Cape",
                          "Lake", "Mount", "Mt", "Fort", "Great", "Upper", "Lower"])
# (Last words that are also surnames, "Hall", "Hill", "Park", are left out: "Peter Hall".)
_PLACE_LAST = frozenset(["Street", "Road", "Square", "Avenue", "Island", "Islands", "Valley",
                         "Coast", "Bay", "Sea", "Ocean", "Mountains", "County", "Airport",
                         "Stadium", "Kingdom", "Republic", "States", "Emirates", "Zealand",
                         "Africa", "America", "Europe", "Asia", "Gulf", "River", "Lanka",
                         "Kong", "Cup", "Open", "Olympics", "Championship", "Championships",
                         "Prix", "Awards", "Award", "Trophy", "Games", "Marathon", "Series",
                         "Arena",
                         "Week", "Act", "Bill", "Budget"])
# Places that speak for an organisation ("Downing Street said").
_SPEAKING_PLACES = frozenset(["Downing Street", "White House", "Whitehall", "Number 10",
                              "Wall Street", "Westminster", "Holyrood", "Kremlin",
                              "Pentagon", "Elysee", "Brussels"])

# Descriptions and the kind of claimant they stand for.
PERSON_NOUNS = frozenset([
    "man", "woman", "spokesman", "spokeswoman", "spokesperson", "minister", "chancellor",
    "secretary", "president", "chairman", "chairwoman", "chair", "chief", "executive",
    "boss", "director", "manager", "coach", "captain", "leader", "head", "official",
    "officer", "premier", "mayor", "governor", "senator", "judge", "prosecutor", "lawyer",
    "solicitor", "barrister", "counsel", "qc", "mp", "mep", "msp", "economist", "analyst",
    "adviser", "advisor", "founder", "owner", "player", "striker", "defender", "midfielder",
    "goalkeeper", "keeper", "winger", "forward", "lock", "prop", "flanker", "hooker",
    "fly-half", "scrum-half", "centre", "full-back", "batsman", "bowler", "athlete",
    "runner", "champion", "star", "singer", "actor", "actress", "director", "producer",
    "writer", "author", "novelist", "rapper", "musician", "artist", "designer", "comedian",
    "presenter", "host", "teenager", "youngster", "veteran", "american", "briton",
    "frenchman", "scot", "irishman", "welshman", "englishman", "australian", "german",
    "italian", "spaniard", "dane", "swede", "dutchman", "austrian", "russian", "chinese",
    "japanese", "indian", "harrier", "professor", "scientist", "researcher", "doctor",
    "expert", "campaigner", "activist", "chairperson", "co-chairman", "partner",
    "correspondent", "editor", "reporter", "columnist", "commentator", "pilot", "driver",
    "rider", "boxer", "golfer", "swimmer", "cyclist", "skipper", "international",
    "son", "daughter", "father", "mother", "wife", "husband", "widow", "girl", "boy",
    "politician", "mp", "rabbi", "bishop", "archbishop", "priest", "prince", "princess",
    "king", "queen", "footballer", "cricketer", "sprinter", "hurdler", "trainer",
    "jockey", "tennis", "seed", "number", "veteran", "newcomer", "pensioner", "entrepreneur",
    "backbencher", "frontbencher", "pm", "critic", "winner", "nominee", "boss", "supremo",
])
ORG_NOUNS = frozenset([
    "company", "firm", "group", "bank", "club", "union", "party", "government", "ministry",
    "department", "council", "board", "airline", "retailer", "carmaker", "maker", "chain",
    "network", "regulator", "watchdog", "authority", "body", "organisation", "organization",
    "agency", "institute", "commission", "committee", "court", "team", "side", "manufacturer",
    "giant", "operator", "broadcaster", "newspaper", "paper", "magazine", "festival",
    "charity", "studio", "studios", "label", "corporation", "insurer",
    "supermarket", "store", "brewer", "producer", "publisher", "developer", "provider",
    "carrier", "exchange", "fund", "trust", "association", "federation", "consortium",
    "administration", "executive", "cabinet", "opposition", "tories", "police", "force",
    "army", "navy", "embassy", "station", "channel", "service", "website", "site",
    "conglomerate", "multinational", "bookmaker", "academy", "school",
    "university", "college", "hospital", "campaign", "coalition", "alliance", "movement",
    "ifpi", "portal", "rival",
])
DOCUMENT_NOUNS = frozenset([
    "report", "study", "survey", "research", "figures", "data", "statistics", "minutes",
    "poll", "index", "review", "paper", "document", "analysis", "audit", "accounts",
    "results", "forecast", "forecasts", "statement", "letter", "estimates", "estimate",
    "findings", "investigation", "inquiry", "ruling", "judgement", "judgment", "verdict",
    "register", "list", "table", "chart", "ranking", "rankings", "guide", "census",
    "assessment", "memo", "briefing", "release", "announcement", "paper", "bulletin",
    "survey", "polls", "reports", "studies", "surveys", "records", "record", "numbers",
    "book", "blog", "website", "article", "editorial", "leaflet", "manifesto", "plan",
])
_SPOKES = frozenset(["spokesman", "spokeswoman", "spokesperson", "spokeman", "spokesmen",
                     "statement", "representative", "source", "sources", "insider",
                     "insiders", "official", "officials"])
_PREPOSITIONS = frozenset(["of", "from", "by", "for", "on", "into", "at", "in", "with"])
_DETERMINERS = frozenset(["the", "a", "an", "its", "his", "her", "their", "our", "this",
                          "that", "these", "those", "one"])
_PERSON_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f"}
_ORG_PRONOUNS = frozenset(["it", "they", "which"])

_CAP_REST = r"(?:[\w'’&-]|\.(?=\w))*(?:\.(?=[ ][A-Z]))?"
_CAP = r"[A-Z]" + _CAP_REST
_CONN = r"(?:of|for|de|del|della|der|den|van|von|da|di|du|le|la|al|el|bin|ibn|and|&|the)"
# A run of capitalised words, joined by single spaces and a few lower-case connectors
# ("Bank of England", "Office for National Statistics", "Marks & Spencer").
# (The capital comes first and the look-behind after it: a search for a capital letter is
# far faster than trying the look-behind at every position.)
_CHAIN_RE = re.compile(rf"[A-Z](?<![\w'’.&-][A-Z]){_CAP_REST}(?:[ ](?:{_CONN}[ ])*{_CAP})*")
_ACRONYM_RE = re.compile(r"^[A-Z][A-Z0-9&.-]*[A-Z0-9]$")
_QUOTE_MARK_RE = re.compile(r"[\"“”]")
# Words before a name that make it an object or put it in a side clause ("like Movielink",
# "If Turkcell does back out, MTN ...").
_OBJECT_BEFORE_RE = re.compile(r"\b(?:told|by|to|with|against|from|on|at|in|of|beat|beating|"
                               r"over|for|and|like|as|including|if|when|while|although|"
                               r"though|because|unless|whether|than)\s+(?:the\s+)?\Z", re.I)
_APPOSITION_RE = re.compile(r",\s+(?:the\s+|a\s+|an\s+)?([^,.;:\"“”]{3,60}?)"
                            r"(?:,|\.|\s+said|$)")
_ROLE_BEFORE_RE = re.compile(r"((?:[a-z][a-z-]*\s+){1,4})\Z")
_ORG_AFTER_RE = re.compile(r"\s+(club|studios?|newspaper|magazine|paper|group|website|"
                           r"weblog|blog|portal|agency|firm)\b(?!\s+[A-Z])")
_ORG_AFTER_IN_NAME = frozenset(["club", "studio", "studios"])   # "the All England club"
# Words that make the name after them an organisation ("film studio Lions Gate",
# "bookmaker William Hill", "an analyst at Gartner").
_ORG_BEFORE = frozenset([
    "firm", "company", "studio", "bookmaker", "retailer", "group", "bank", "carmaker",
    "giant", "operator", "airline", "broadcaster", "newspaper", "magazine", "paper", "network",
    "website", "chain", "label", "publisher", "developer", "provider", "maker",
    "manufacturer", "club", "charity", "agency", "body", "consultant", "consultants",
    "consultancy", "analyst", "analysts", "watchdog", "regulator", "supermarket", "insurer",
    "brewer", "lender", "exchange", "telecom", "telecoms", "broadband", "software",
    "internet", "energy", "oil", "portal", "isp", "at"])
_NP_WORD_RE = re.compile(r"[A-Za-z][\w'’-]*|\d[\w-]*")
_ALPHA_WORD_RE = re.compile(r"[A-Za-z][\w'’-]*")
_LOWER_START_RE = re.compile(r"[a-z][\w-]*")
_LEAD_SPACE_RE = re.compile(r"\s*(?:,\s*)?")
_POST_NP_END_RE = re.compile(r"[,;:.!?\"“”()]|\s[-–—]\s|\b(?:in|on|at|that|who|which|after|"
                             r"before|when|as|yesterday|today|last|this)\b")
_APPOSED_GAP_RE = re.compile(r"['’]?s?\s*(?:,|(?:which|who)\b)")
_CLAUSE_PUNCT_RE = re.compile(r"[;:\"“”]")
_PERSON_OF_GAP_RE = re.compile(r"['’]?s?\s*(?:,|\s(?:of|from|at|for|with)\b)")
_QUOTE_PUNCT_RE = re.compile(r"[;\"“”]")
_ROLE_ABBREVIATIONS = {"pm": ("prime", "minister"), "mp": ("mp",)}
# the first word of the clause that ends at a position (after a sentence end or a quotation)
_DETERMINER_NEXT_RE = re.compile(r"\s*(?:the|a|an|its|his|her|their|our|this|that|these|"
                                 r"those|one)\b", re.I)
_CLAUSE_START_RE = re.compile(r"(?:^|[.!?;:\"“”]\s+)[\"“‘']?([A-Za-z][\w'’-]*)[^.!?;:\"“”]*\Z")
_COMMA_GAP_RE = re.compile(r"['’]?s?\s*,\s*")
_POSSESSIVE_GAP_RE = re.compile(r"['’]s?\s+")
# "the star of", "its chairman at": a role held at the name that follows
_ROLE_OF_RE = re.compile(r"\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s+"
                         r"(?:[a-z][\w-]*\s+){0,2}([a-z][\w-]*)\s+(?:of|at|for)\s+(?:the\s+)?\Z")
_SAID_END_RE = re.compile(r"\b(?:said|says|added|adds|told|tells|insisted|replied|warned|"
                          r"declared|stated)(?:\s+that)?\s*\Z")
_CAPITAL_NEXT_RE = re.compile(r"\s*[\"“‘'(]*[A-Z]")
_PUNCT_NEXT_RE = re.compile(r"\s*(?:[.,;:!?]|\Z)")
# "a report by the IFS", "figures from the ONS", "a survey of 5,000 adults for YouGov"
# "the Gartner report", "IFS's report", "Dimension Data, which commissioned the survey"
_SOURCE_BEFORE_RE = re.compile(r"['’]?s?\s*(?:,\s*(?:which|who)\s+)?(?:[a-z-]+\s+){0,2}")
# "a report by the IFS", "the study, conducted by consultancy Building Zones"
_SOURCE_AFTER_RE = re.compile(r"[^.;:\"“”]{0,30}?\b(?:by|from|for)\s+(?:the\s+)?"
                              r"(?:[a-z][\w-]*\s+){0,2}\Z")
_APPOSED_NAME_RE = re.compile(r",\s+((?:[A-Z][\w'’-]+\s+){1,3}[A-Z][\w'’-]+)")
_DOCUMENT_RE = re.compile(rf"\b(?:{alternation(sorted(DOCUMENT_NOUNS))})\b", re.I)
_SPOKES_RE = re.compile(rf"\b(?:{alternation(sorted(_SPOKES))})\b", re.I)
_NEXT_TO_RE = re.compile(r"['’]?s?\s*(?:[a-z-]+\s+)?")      # "BAA's chief spokesman"
_FOR_THE_RE = re.compile(r"\s+(?:for|of|at|from)\s+(?:the\s+)?")
_SENTENCE_END_RE = re.compile(r"[.!?][\"'”’]?\s")
_HIS_RE = re.compile(r"\b(?:his|himself)\b", re.I)
_HER_RE = re.compile(r"\b(?:her|herself)\b", re.I)
_PROPER_TOKEN_RE = re.compile(r"^[A-Z][a-z'’-]*[a-z]$|^[A-Z][a-z]*[A-Z][a-z]+$|^O'[A-Z][a-z]+$"
                              r"|^[A-Z][a-z]+-[A-Z][a-z]+$")
_WORD_RE = re.compile(r"[A-Za-z][\w'’.&-]*|\d[\w,.-]*|[,;:()\"“”]")
_YEAR_OLD_RE = re.compile(r"^\d+-year-old$")

WINDOW = 180          # characters read before or after a verb or a quotation mark
SENTENCES_BACK = 4    # how far back a pronoun or description looks for its name
QUOTE_MEMORY = 10     # how many sentences an unattributed quotation looks back for a speaker
_MAX_SKIPPED = 16     # sentences left unread in a row, at most (see ``Attributor.run``)
FAR = 3000            # how far back (characters) "the firm" looks for a firm's name
_DOCUMENTS_BACK = 8   # how many earlier mentions of a document "the report" looks at


@dataclass(frozen=True)
class Attribution:
    """Who makes a claim. ``claimant`` is None when the article itself does (kind outlet)."""

    claimant: str | None
    kind: str


NOBODY = Attribution(None, OUTLET)


@dataclass
class Mention:
    """A name in the text: a person or an organisation (``name`` is its fullest form)."""

    start: int
    end: int
    kind: str
    name: str
    roles: tuple[str, ...] = ()
    subject_: bool | None = None   # what the sentence is about (not an object); see subject

    def subject(self, text: str) -> bool:
        """Whether the name is what its clause is about: not an object ("told Mr Blair",
        "by Gordon Brown") nor a possessive ("Mr Brown's closest aides")."""
        if self.subject_ is None:
            self.subject_ = not (
                text[self.end:self.end + 2].startswith(("'s", "’s", "' ", "’ ")) or
                _OBJECT_BEFORE_RE.search(text, max(0, self.start - 12), self.start))
        return self.subject_


@dataclass
class _Person:
    tokens: tuple[str, ...]
    rank: str | None = None
    gender: str | None = None
    roles: set[str] = field(default_factory=set)
    gender_read: bool = False
    roles_read: bool = False
    confirmed: bool | None = None
    places: list[tuple[int, int]] = field(default_factory=list)


class Entities:
    """The people and organisations an article mentions, with their positions."""

    def __init__(self, text: str, extra_persons: dict[str, str] | None = None,
                 breaks: Sequence[int] = ()) -> None:
        self.text = text
        self._breaks = frozenset(breaks)   # sentence starts: no name runs across them
        self._persons: dict[tuple[str, ...], _Person] = {}
        # a name word -> each person named with it -> where (sorted offsets)
        self._by_token: dict[str, dict[tuple[str, ...], list[int]]] = {}
        self._orgs: dict[str, tuple[int, str]] = {}   # a word or acronym -> its fullest org
        self._org_firsts: dict[str, tuple[int, str]] = {}   # a first word -> fullest org
        self._org_names: set[str] = set()   # every organisation's name, as written
        self._extra = extra_persons or {}
        self._lower_words: dict[str, bool] = {}   # a word -> written in lower case
        self._lower_set: set[str] | None = None
        self._plural_subjects: set[str] | None = None   # "Chelsea have", "Liverpool were"
        self._acronyms: dict[str, tuple[int, str]] | None = None   # "(METI)" -> full name
        # runs of several capitalised words: read when a question needs them (a name
        # near a verb, a pronoun's antecedent, the fullest form of a surname)
        self._multi_starts: list[int] = []
        self._multi_texts: list[str] = []
        self._multi_items: list[list | None] = []
        self._multi_mentions: list[list[Mention] | None] = []
        self._runs_with: dict[str, list[int]] = {}   # a word or initials -> runs holding it
        self._initials_read = False
        self._single_starts: list[int] = []
        self._single_words: list[str] = []
        self._singles: dict[int, Mention | None] = {}
        self._read(text)

    # -- reading the names -------------------------------------------------------------
    def _read(self, text: str) -> None:
        # every run of capitalised words; nothing is classified yet
        singles, single_words = self._single_starts, self._single_words
        multi, multi_texts = self._multi_starts, self._multi_texts
        runs_with = self._runs_with
        for m in _CHAIN_RE.finditer(text):
            chain = m.group(0)
            if " " not in chain:
                if chain not in NOT_NAMES and (chain not in DEMONYMS or chain in ORG_WORDS):
                    singles.append(m.start())
                    single_words.append(chain)
                continue
            k = len(multi)
            multi.append(m.start())
            multi_texts.append(chain)
            for w in chain.split(" "):
                if w[0].islower():
                    continue                  # "of", "and": never looked up
                if w[-1] in "s.'’":
                    w = _clean_token(w)       # "Brown's", "Milley." are "Brown", "Milley"
                if w in runs_with:
                    runs_with[w].append(k)
                else:
                    runs_with[w] = [k]
        self._multi_items = [None] * len(multi)
        self._multi_mentions = [None] * len(multi)

    def _index_initials(self) -> None:
        # the initials of every run ("Council of Economic Advisers" -> "CEA"), read when
        # the first acronym is looked up
        self._initials_read = True
        for k, chain in enumerate(self._multi_texts):
            initials = "".join(w[0] for w in chain.split(" ") if w[:1].isupper())
            self._runs_with.setdefault("initials:" + initials, []).append(k)

    def _register(self, k: int) -> list:
        """Classify run ``k`` and enter its people and organisations in the indexes."""
        items = self._multi_items[k]
        if items is None:
            items = []
            for start, tokens in self._pieces(self.text, self._multi_starts[k],
                                              self._multi_texts[k]):
                item = self._classify(self.text, start, tokens)
                if item is not None:
                    items.append(item)
            self._multi_items[k] = items
            for start, _end, kind, tokens, rank, roles in items:
                if kind == PERSON and (len(tokens) > 1 or rank):
                    self._add_person(start, tokens, rank, roles)
                elif kind == ORGANISATION:
                    self._add_org(start, tokens)
        return items

    def _register_runs_with(self, word: str) -> None:
        runs = self._runs_with.pop(word, ())    # each word's runs are read once
        for k in runs:
            if self._multi_items[k] is None:
                self._register(k)

    def _run_mentions(self, k: int) -> list[Mention]:
        mentions = self._multi_mentions[k]
        if mentions is None:
            mentions = []
            for start, end, kind, tokens, rank, roles in self._register(k):
                name, kind = self._resolve_tokens(start, tokens, kind, rank)
                if name is not None:
                    mentions.append(Mention(start, end, kind, name, roles))
            self._multi_mentions[k] = mentions
        return mentions

    @property
    def mentions(self) -> list[Mention]:
        """Every name of several words in the text, in order (reads them all)."""
        return [m for k in range(len(self._multi_starts)) for m in self._run_mentions(k)]

    def _pieces(self, text: str, start: int, chain: str):
        """Split a capitalised run into names: at "and" (unless an organisation's name goes
        on: "World Travel and Tourism Council"), at a possessive ("Labour's Paul Flynn"), at
        a full stop that ends a sentence, and at "of"/"for" after a person."""
        tokens = []
        pos = start
        for tok in chain.split(" "):
            tokens.append((pos, tok))
            pos += len(tok) + 1
        piece: list[tuple[int, str]] = []
        pieces: list[list[tuple[int, str]]] = []
        for i, (p, tok) in enumerate(tokens):
            if p in self._breaks and piece:
                # a headline kept apart: "... Howard | Tony Blair said"
                pieces.append(piece)
                piece = []
            if tok == "and" and piece and not (_org_goes_on(tokens, i) and
                                               _clean_token(piece[-1][1]) not in ORG_WORDS):
                pieces.append(piece)
                piece = []
                continue
            if tok == "the" and piece and piece[-1][1] not in ("of", "for", "and"):
                pieces.append(piece)
                piece = []
                continue
            if tok in ("of", "for") and piece and not _joins_of(piece):
                pieces.append(piece)
                piece = []
                continue
            piece.append((p, tok))
            possessive = _POSSESSIVE_RE.search(tok) and i + 1 < len(tokens) and \
                tokens[i + 1][1] not in ("of", "for", "and", "&")
            if possessive or (tok.endswith(".") and not _is_abbreviation(tok)):
                pieces.append(piece)
                piece = []
        if piece:
            pieces.append(piece)
        for piece in pieces:
            while piece and piece[-1][1] in _CONNECTORS:
                piece = piece[:-1]
            while piece and piece[0][1] in _CONNECTORS:
                piece = piece[1:]
            # a capitalised common word that opens a sentence is not part of the name (but
            # "Ministry of Defence" is one name)
            if piece and self._sentence_initial_common(text, piece[0][0], piece[0][1]) and \
                    not (len(piece) > 1 and _clean_token(piece[0][1]) in ORG_WORDS and
                         (piece[1][1] in ("of", "for", "and", "&") or
                          piece[1][1][:1].isupper())):
                piece = piece[1:]
            # "Madrid-based Ferrovial", "Sydney-listed Virgin Blue": a description
            if piece and _MODIFIER_RE.match(piece[0][1]):
                piece = piece[1:]
            while len(piece) > 1 and _clean_token(piece[0][1]) in _LEADING_NOISE and not (
                    len(piece) == 2 and _clean_token(piece[1][1]) in ORG_WORDS):
                piece = piece[1:]     # (but the "Sunday Times" is a name)
            while piece and piece[0][1] in ("The", "A", "An"):
                piece = piece[1:]
            if piece:
                yield piece[0][0], tuple(_clean_token(t) for _, t in piece)

    def _sentence_initial_common(self, text: str, pos: int, token: str) -> bool:
        word = _clean_token(token)
        before = text[max(0, pos - 3):pos].rstrip(" \"“‘'(-")
        if before and before[-1] not in ".!?:\n" and pos not in self._breaks:
            return False
        if word in NOT_NAMES or word.endswith("ly") or _is_common_noun(word.lower()):
            return True
        if _ACRONYM_RE.match(word):
            return False
        lower = word.lower()
        # "Problems are occurring": the word, or its singular, is written in lower case
        return self._written_lower(lower) or (
            lower.endswith("s") and len(lower) > 3 and self._written_lower(lower[:-1]))

    def _written_lower(self, word: str) -> bool:
        """Whether ``word`` (lower case) is a word of the text: a token (a run of letters,
        digits, apostrophes and hyphens) equal to it once its outer apostrophes and hyphens
        are dropped. A few searches for the word; after ``_FIND_LIMIT`` of them, one pass
        that collects every token (so a text of any length costs linear time). Both ways
        give the same answer, so it never depends on what was asked before."""
        found = self._lower_words.get(word)
        if found is not None:
            return found
        if len(self._lower_words) >= _FIND_LIMIT:
            if self._lower_set is None:
                self._lower_set = {t.strip("'’-") for t in _TOKEN_RE.findall(self.text)}
            found = word in self._lower_set
        else:
            found = False
            text = self.text
            n = len(text)
            i = text.find(word)
            while i >= 0 and not found:
                a, b = i, i + len(word)
                while a and text[a - 1] in "'’-":
                    a -= 1
                while b < n and text[b] in "'’-":
                    b += 1
                found = (not a or not _is_token_char(text[a - 1])) and \
                    (b == n or not _is_token_char(text[b]))
                i = text.find(word, i + 1)
        self._lower_words[word] = found
        return found

    def _classify(self, text: str, start: int, tokens: tuple[str, ...]):
        """(start, end, kind, name tokens, rank, roles) of one name, or None. ``kind`` is
        person, organisation or "single" (one capitalised word, decided later)."""
        toks = list(tokens)
        postnominal = False
        while len(toks) > 1 and toks[-1] in _POSTNOMINALS:
            toks.pop()          # "Guy Mansfield QC", "Paul Flynn MP": the person
            postnominal = True
        end = start + len(" ".join(toks))
        if postnominal and len(toks) > 1 and _is_name(toks):
            return start, end, PERSON, tuple(toks), None, ()
        # roles and titles before a name: "Foreign Secretary Jack Straw", "Gen. Mark Milley",
        # "Bank of England Governor Mervyn King", "Striker Thierry Henry"
        last = -1
        for i, t in enumerate(toks[:-1]):
            if _is_title(t) or (i == 0 and t.lower() in PERSON_NOUNS):
                last = i
        if last >= 0:
            name = toks[last + 1:]
            title = toks[last].rstrip(".")
            if _is_name(name):
                roles = [t.lower() for t in toks[:last + 1] if t not in _CONNECTORS]
                rank = None
                if title in RANKS:
                    rank = toks[last] if toks[last].endswith(".") else title
                elif title in HONORIFICS and (title in PEERAGES or len(name) == 1):
                    rank = title
                if title in MALE or title in FEMALE:
                    roles.append("gender:" + ("m" if title in MALE else "f"))
                return start, end, PERSON, tuple(name), rank, tuple(roles)
            if last == 0 and len(toks) > 2 and toks[1] == "of" and \
                    (toks[0].rstrip(".") in HONORIFICS or toks[0] == "Mayor") and \
                    all(t[:1].isupper() for t in toks[2:]):
                # "the Archbishop of Canterbury", "the Mayor of London": named by the office
                return start, end, PERSON, tuple(toks), None, ()
            first = next(i for i, t in enumerate(toks) if _is_title(t) or i == last)
            prefix = toks[:first]
            if prefix and any(t in ORG_WORDS for t in prefix):
                return start, end, ORGANISATION, tuple(prefix), None, ()
            if last > 0 or _is_title(toks[0]):
                return None
            # a first word that is a noun for a person only sometimes ("International Rugby
            # Board", not "Wales international Tom Shanklin"): the rest decides
        joined = " ".join(toks)
        if joined in _SPEAKING_PLACES:
            return start, end, ORGANISATION, tuple(toks), None, ()
        if len(toks) > 1 and (toks[-1] in ROLE_TITLES or (toks[-1].lower() in PERSON_NOUNS and
                                                          not _is_name(toks))) \
                and not (toks[-1] in ORG_WORDS and not any(_is_title(t) for t in toks[:-1])):
            # a role, not a name: "The Conservative Party Co-Chairman" (but the "Scottish
            # Executive" is a body and "Justin King" a man)
            return None
        after = _ORG_AFTER_RE.match(text, end)
        if after:
            # "the All England club", "Vedomosti newspaper" (the name is "Vedomosti")
            if after.group(1) in _ORG_AFTER_IN_NAME:
                return (start, after.end(), ORGANISATION, (*toks, after.group(1)), None, ())
            return start, end, ORGANISATION, tuple(toks), None, ()
        if ROLE_AFTER_RE.match(text, start + len(joined)) and not (
                len(toks) == 1 and toks[0] in NOT_NAMES) or \
                _word_before(text, start).lower() in _ORG_BEFORE:
            # "Stop Stansted Expansion chairman Peter Sanders", "Alva director Robin Broke",
            # "film studio Lions Gate", "bookmaker William Hill"
            return start, end, ORGANISATION, tuple(toks), None, ()
        if any(t in ORG_WORDS for t in toks) or "&" in joined or (
                len(toks) == 1 and _ACRONYM_RE.match(toks[0])):
            if all((t in DEMONYMS and t not in ORG_WORDS) or t in NOT_NAMES for t in toks):
                return None
            return start, end, ORGANISATION, tuple(toks), None, ()
        if toks[0] in _PLACE_FIRST or toks[-1] in _PLACE_LAST:
            return None
        if len(toks) >= 2 and _is_name(toks):
            return start, end, PERSON, tuple(toks), None, ()
        if len(toks) == 1:
            if toks[0] in NOT_NAMES or toks[0] in DEMONYMS:
                return None
            return start, end, "single", tuple(toks), None, ()
        if any(t in NOT_NAMES or t in DEMONYMS for t in toks):
            if len(toks) > 2 and (toks[0] in NOT_NAMES or toks[0] in DEMONYMS or
                                  _ACRONYM_RE.match(toks[0])):
                # "PC Nicholas Negroponte" (a headline's last word), "US Lynton Crosby"
                return self._classify(text, start + len(toks[0]) + 1, tuple(toks[1:]))
            return None
        return start, end, ORGANISATION, tuple(toks), None, ()

    def _add_person(self, start: int, tokens: tuple[str, ...], rank: str | None,
                    roles: tuple[str, ...]) -> None:
        person = self._persons.get(tokens)
        if person is None:
            person = self._persons[tokens] = _Person(tokens)
        for t in tokens:
            if len(t) > 1 and not _is_initial(t):
                insort(self._by_token.setdefault(t, {}).setdefault(tokens, []), start)
        if rank and rank.rstrip(".") in RANKS:
            person.rank = rank
        for r in roles:
            if r.startswith("gender:"):
                person.gender = person.gender or r[7:]
            else:
                person.roles.add(r)
        person.places.append((start, start + len(" ".join(tokens))))

    def _read_appositions(self, person: _Person) -> None:
        # "Paul Boateng, Chief Secretary to the Treasury," and "coach Bernard Laporte"
        # give the roles a description ("the chancellor") can later match.
        person.roles_read = True
        for start, end in person.places:
            m = _APPOSITION_RE.match(self.text, end, end + 80)
            if m:
                person.roles.update(w.lower() for w in re.findall(r"[A-Za-z-]+", m.group(1)))
            bm = _ROLE_BEFORE_RE.search(self.text, max(0, start - 60), start)
            if bm and bm.group(1).split()[-1] not in _PREPOSITIONS:
                # ("coach Bernard Laporte", not "editor of Stuff Essentials")
                person.roles.update(bm.group(1).split())

    def _add_org(self, start: int, tokens: tuple[str, ...]) -> None:
        # "the Commission" and "the Bank" stand for the fullest organisation named with that
        # word; an acronym for the first name whose initials it spells ("CEA")
        full = " ".join(tokens)
        self._org_names.add(full)
        for t in tokens:
            if t in ORG_WORDS and len(tokens) > 1 and not t.isupper():
                prev = self._orgs.get(t)
                if prev is None or len(full) > len(prev[1]):
                    self._orgs[t] = (start, full)
        if len(tokens) > 1 and tokens[0] not in ORG_WORDS and tokens[0] not in DEMONYMS and \
                any(t in ORG_WORDS or t == "&" for t in tokens[1:]):
            # "Marsh & McLennan", "Stuff Magazine" (not "Nintendo DS", a product)
            prev = self._org_firsts.get(tokens[0])
            if prev is None or len(full) > len(prev[1]):
                self._org_firsts[tokens[0]] = (start, full)
        acronym = "".join(t[0] for t in tokens if t[:1].isupper())
        if len(acronym) >= 2 and len(tokens) > 1:
            prev = self._orgs.get(acronym)
            if prev is None or start < prev[0]:
                self._orgs[acronym] = (start, full)

    def _org(self, word: str) -> str | None:
        """The fullest organisation a word or an acronym stands for."""
        self._register_runs_with(word)
        if word.isupper():
            if not self._initials_read:
                self._index_initials()
            self._register_runs_with("initials:" + word)
        found = self._orgs.get(word)
        if found is None and word.isupper():
            self._acronym_names()
            return self._acronym_of.get(word)
        return found[1] if found else None

    def _fullest(self, pos: int, tokens: tuple[str, ...]) -> tuple[str, ...] | None:
        """The fullest person whose name contains ``tokens``, nearest before ``pos``."""
        self._register_runs_with(tokens[-1])
        self._register_runs_with(tokens[0])
        cands = self._by_token.get(tokens[-1]) or self._by_token.get(tokens[0])
        if not cands:
            return None
        # each person with this word in the name, and where the article names them
        fitting = [(k, places) for k, places in cands.items() if _contains(k, tokens)]
        if not fitting:
            return None
        nearest = None
        for k, places in fitting:
            i = bisect_right(places, pos)
            if i and (nearest is None or places[i - 1] > nearest[0]):
                nearest = (places[i - 1], k)
        k0 = nearest[1] if nearest else min(fitting, key=lambda x: x[1][0])[0]
        # among the forms of that person, the longest
        return max((k for k, _ in fitting if _contains(k, k0) or _contains(k0, k)),
                   key=len, default=k0)

    def _resolve_tokens(self, start: int, tokens: tuple[str, ...], kind: str,
                        rank: str | None) -> tuple[str | None, str]:
        if kind == PERSON:
            key = self._fullest(start, tokens) or tokens
            if not rank and " ".join(key) in self._org_names and \
                    not self.is_confirmed_person(" ".join(key)):
                # "Virgin Blue reported": the article calls it an airline or gives it a
                # chief executive elsewhere
                return " ".join(key), ORGANISATION
            return self._canonical_person(key, rank), PERSON
        if kind == ORGANISATION:
            return self._org_name(start, tokens), ORGANISATION
        # a single capitalised word: a known person's name, an organisation, or unknown
        t = tokens[0]
        if self._plural_subject(t):
            # "Chelsea have sacked ...": a team or a body, whatever else shares the word
            return self._org(t) or self._org_first(t) or t, ORGANISATION
        key = self._fullest(start, tokens)
        if key is not None and not (self._org_first(t) and
                                    not self.is_confirmed_person(" ".join(key))):
            return self._canonical_person(key, None), PERSON
        if t in self._extra:
            return self._extra[t], PERSON
        org = self._org(t) or self._org_first(t)
        if org is not None:
            return org, ORGANISATION
        if t in NOT_NAMES or t in DEMONYMS:
            return None, ""
        return t, "single"

    def _canonical_person(self, key: tuple[str, ...], rank: str | None) -> str:
        person = self._persons.get(key)
        rank = (person.rank if person else None) or rank
        if rank and (rank.rstrip(".") in RANKS or (len(key) == 1 and rank in HONORIFICS)):
            return f"{rank} {' '.join(key)}"
        return " ".join(key)

    def _org_name(self, start: int, tokens: tuple[str, ...]) -> str:
        full = re.sub(r"['’]s$", "", " ".join(tokens))
        if len(tokens) == 1 and tokens[0] in DEMONYMS:
            return full          # "Labour" is a party's whole name
        if len(tokens) == 1:
            return self._org(tokens[0]) or full
        # "Ministry of Economy, Trade and Industry (METI)": the name the acronym spells
        expanded = self._acronym_names().get(start)
        return expanded if expanded and expanded.startswith(full) else full

    def _acronym_names(self) -> dict[int, str]:
        """Names spelled out before an acronym in brackets, by where they start (read in one
        pass, at the first question)."""
        if self._acronyms is None:
            self._acronyms = {}
            self._acronym_of: dict[str, str] = {}
            for m in _BRACKETED_ACRONYM_RE.finditer(self.text):
                name_start = _spelled_out(self.text, m.start(), m.group(1))
                if name_start is not None:
                    name = self.text[name_start:m.start()].strip()
                    self._acronyms[name_start] = name
                    self._acronym_of.setdefault(m.group(1), name)
        return self._acronyms

    def _org_first(self, word: str) -> str | None:
        """The organisation whose name starts with ``word`` ("Stuff" for "Stuff Magazine",
        "Marsh" for "Marsh & McLennan"), the fullest if several."""
        self._register_runs_with(word)
        found = self._org_firsts.get(word)
        return found[1] if found else None

    def _plural_subject(self, word: str) -> bool:
        """Whether the text makes ``word`` the subject of a plural verb ("Chelsea have",
        "Liverpool were"): a team or a body, not a person (read in one pass)."""
        if self._plural_subjects is None:
            text = self.text
            self._plural_subjects = {
                m.group(0) for m in _PLURAL_SUBJECT_RE.finditer(text)
                if not (m.start() and (_is_token_char(text[m.start() - 1]) or
                                       text[m.start() - 1] in ".&")) and
                not (m.start() > 1 and text[m.start() - 1] == " " and
                     (_is_token_char(text[m.start() - 2]) or text[m.start() - 2] == ","))}
        return word in self._plural_subjects

    def _learn_gender(self, person: _Person) -> None:
        # a person's gender from the pronouns of the sentence that first names them
        person.gender_read = True
        self._register_runs_with(person.tokens[-1])
        if not person.places:
            return
        _, first_end = min(person.places)
        # only "his"/"her" close by: "said that he looked like George Raft" is about
        # someone else ("Martina Navratilova has defended her decision" is not)
        tail = self.text[first_end:first_end + 60]
        stop = _SENTENCE_END_RE.search(tail)
        tail = tail[:stop.start()] if stop else tail
        he = _HIS_RE.search(tail)
        she = _HER_RE.search(tail)
        if he and not she:
            person.gender = "m"
        elif she and not he:
            person.gender = "f"

    def is_confirmed_person(self, name: str) -> bool:
        """Whether the article shows ``name`` is a person: a title or role, "Mr X", or "his"
        or "her" after it. Two capitalised words alone ("Sony Ericsson") may be a firm."""
        person = self._person_by_name(name)
        if person is None:
            return False
        if person.confirmed is None:
            roles = self.roles_of(name)
            person.confirmed = bool(
                person.rank or self.gender_of(name) or
                any(r in PERSON_NOUNS or r.title() in ROLE_TITLES for r in roles) or
                (person.tokens[-1],) in self._persons)    # "Mr Ericsson" somewhere
        return person.confirmed

    def _person_by_name(self, name: str) -> _Person | None:
        tokens = tuple(name.split())
        if tokens and tokens[0].rstrip(".") in RANKS | HONORIFICS:
            tokens = tokens[1:]
        return self._persons.get(tokens)

    # -- looking names up ----------------------------------------------------------------
    def gender_of(self, name: str) -> str | None:
        """'m', 'f' or None for a person's fullest name."""
        person = self._person_by_name(name)
        if person is None:
            return None
        if person.gender is None and not person.gender_read:
            self._learn_gender(person)
        return person.gender

    def roles_of(self, name: str) -> set[str]:
        """Words the article uses for a person's role ("chancellor", "coach", ...)."""
        person = self._person_by_name(name)
        if person is None:
            return set()
        if not person.roles_read:
            self._register_runs_with(person.tokens[-1])
            self._read_appositions(person)
        return person.roles

    def between(self, start: int, end: int) -> list[Mention]:
        """The mentions that lie inside ``[start, end)``, in text order."""
        i = bisect_left(self._multi_starts, start)
        j = bisect_left(self._multi_starts, end)
        if i and self._multi_starts[i - 1] + len(self._multi_texts[i - 1]) > start:
            i -= 1      # a run that began before ("Wednesday. Mr Brown")
        found = [m for k in range(i, j) for m in self._run_mentions(k)
                 if start <= m.start and m.end <= end]
        i = bisect_left(self._single_starts, start)
        j = bisect_left(self._single_starts, end)
        if i < j:
            for k in range(i, j):
                m = self._single(k)
                if m is not None and m.end <= end:
                    found.append(m)
            found.sort(key=lambda mm: mm.start)
        return found

    def _single(self, k: int) -> Mention | None:
        start = self._single_starts[k]
        if start in self._singles:
            return self._singles[start]
        mention = None
        token = _clean_token(self._single_words[k])
        if _CONTRACTION_RE.match(token):
            token = "I"         # "I've", "We're", "Don't": never a name
        if token not in NOT_NAMES and (token not in DEMONYMS or token in ORG_WORDS) and \
                not self._sentence_initial_common(self.text, start, token):
            item = self._classify(self.text, start, (token,))
            if item is not None:
                _, end, kind, tokens, rank, roles = item
                name, kind = self._resolve_tokens(start, tokens, kind, rank)
                if name is not None:
                    mention = Mention(start, end, kind, name, roles)
        self._singles[start] = mention
        return mention

    def org_containing(self, word: str, pos: int) -> str | None:
        """The organisation "the <word>" stands for: the nearest before ``pos`` (at most
        ``FAR`` characters back) whose name contains ``word`` ("the Commission"), that the
        article described with it ("US magazine Rolling Stone", "the Vedomosti newspaper"),
        or, for a committee, whose name ends with the word in lower case ("the Commons home
        affairs committee")."""
        w = word.lower()
        lo = max(0, pos - FAR)
        text = self.text
        found: tuple[int, str] | None = None
        for m in reversed(self.between(lo, pos)):
            if m.kind == ORGANISATION and (
                    w in m.name.lower().split() or
                    w in text[max(0, m.start - 30):m.start].lower().split()[-2:] or
                    text[m.end:m.end + len(w) + 2].lower().split()[:1] == [w]):
                found = (m.start, m.name)
                break
        if found is None and w in _LOWER_NAMED:
            for hit in reversed(list(_LOWER_NAMED_RE.finditer(text, lo, pos))):
                words = hit.group(1).split()
                if words[-1] == w and words[0] not in NOT_NAMES and \
                        not any(x in _LOWER_STOP for x in words[1:]):
                    return hit.group(1)
        return found[1] if found else None


# Bodies the news names with lower-case words after a capital ("the Commons home affairs
# committee", "the Treasury select committee"), and the words such a name never holds
_LOWER_NAMED = frozenset(["committee"])
_LOWER_NAMED_RE = re.compile(r"(?<![\w'’-])((?:[A-Z][\w&-]*[ ]){1,3}(?:[a-z][\w-]*[ ]){0,3}"
                             r"committee)\b")
_LOWER_STOP = frozenset(["the", "a", "an", "of", "in", "on", "at", "to", "by", "with", "from",
                         "said", "says", "told", "that", "which", "who", "after", "before",
                         "when", "and", "or", "but", "was", "is", "has", "had", "its", "their",
                         "his", "her"])
_CONNECTORS = frozenset(["of", "for", "the", "and", "&", "de", "del", "della", "der", "den",
                         "van", "von", "da", "di", "du", "le", "la", "al", "el", "bin", "ibn"])
_POSSESSIVE_RE = re.compile(r"(?<!^McDonald)['’]s$|(?<=s)['’]$")
# Roles written after the name of a body: "Alva director Robin Broke", "BAA spokesman".
ROLE_WORDS = frozenset([
    "chairman", "chairwoman", "chair", "chief", "boss", "director", "manager", "coach",
    "captain", "spokesman", "spokeswoman", "spokesperson", "spokeman", "president",
    "executive", "head", "leader", "official", "officials", "secretary", "minister",
    "analyst", "analysts", "economist", "correspondent", "editor", "founder", "owner",
    "forward", "striker", "defender", "midfielder", "lock", "prop", "winger", "centre",
    "full-back", "fly-half", "scrum-half", "skipper", "keeper", "goalkeeper", "member",
    "members", "MP", "MPs", "MEP", "MSP", "source", "sources", "statement", "report",
    "survey", "poll", "figures", "researchers", "deputy", "co-chairman", "partner",
    "controller", "adviser", "lawyer", "mayor", "governor", "chancellor"])
ROLE_NOUNS = (alternation(sorted(ROLE_WORDS)) + "|"
              r"(?:rugby|football|team|technical|research|sales|finance|marketing|"
              r"managing|general|executive|press|political|business|economics|"
              r"health|home|foreign|legal|sports?|music|art|programme)\s+"
              r"(?:director|manager|editor|correspondent|secretary|officer|chief|"
              r"spokesman|partner|adviser|analyst|head)")
ROLE_AFTER_RE = re.compile(rf"['’]?\s+(?:{ROLE_NOUNS})\b")
# Nouns for those who speak for a body: "FDA medical advisors agreed" is the FDA's claim
_SPEAKS_FOR = ORG_NOUNS | _SPOKES | DOCUMENT_NOUNS | ROLE_WORDS | {"advisor", "adviser"}
# Words between a name and its verb that keep the name the subject ("the IFPI industry body")
_GAP_NOUNS = PERSON_NOUNS | ORG_NOUNS | DOCUMENT_NOUNS | _SPOKES | _SKIP_BEFORE_VERB | {
    "newspaper", "magazine", "'s", "s"}


def _spelled_out(text: str, pos: int, acronym: str) -> int | None:
    """Where the name that ``acronym`` abbreviates starts, if the words just before ``pos``
    spell it ("Ministry of Economy, Trade and Industry (METI)"); else None."""
    words = list(_NAME_WORD_RE.finditer(text, max(0, pos - 120), pos))
    letters = acronym.upper().replace("&", "")
    i = len(letters)
    start = None
    for w in reversed(words):
        token = w.group(0)
        if token in _CONNECTORS or token.lower() in ("on", "in", "to", "at"):
            continue
        if not token[:1].isupper() or i == 0 or token[0].upper() != letters[i - 1]:
            break
        i -= 1
        start = w.start()
        if i == 0:
            break
    return start if i == 0 and start is not None and \
        not re.search(r"[.;:!?\"“”()]", text[start:pos]) else None


def _singular(word: str) -> str:
    """A plural noun's singular, roughly ("advisors" -> "advisor", "companies" -> "company")."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _is_token_char(ch: str) -> bool:
    return ch.isalnum() or ch in "_'’-"


def _is_common_noun(word: str) -> bool:
    """Whether a lower-case word is a noun for people, bodies or documents, singular or
    plural ("analysts", "unions", "companies"), or a number ("millions", "three-quarters")."""
    if word in PERSON_NOUNS or word in ORG_NOUNS or word in _COMMON_OPENERS:
        return True
    if word.endswith("ies"):
        stem = word[:-3] + "y"
    elif word.endswith(("sses", "ches", "shes")):
        stem = word[:-2]
    else:
        stem = word[:-1] if word.endswith("s") else ""
    if stem and (stem in PERSON_NOUNS or stem in ORG_NOUNS or stem in DOCUMENT_NOUNS):
        return True
    return word.split("-")[0] in _NUMBER_WORDS


def _word_before(text: str, pos: int) -> str:
    """The word that ends just before ``pos`` (one space away), or ""."""
    if pos < 2 or text[pos - 1] != " ":
        return ""
    cut = text.rfind(" ", max(0, pos - 24), pos - 1)
    return text[cut + 1:pos - 1]


def _is_title(token: str) -> bool:
    bare = token.rstrip(".")
    return bare in RANKS or bare in HONORIFICS or token in ROLE_TITLES


def _is_name(tokens: Sequence[str]) -> bool:
    """Whether ``tokens`` look like a person's name: one to four proper words, none of
    them an organisation's or a common word (a month may end a name: "Theresa May")."""
    if not 1 <= len(tokens) <= 4:
        return False
    for i, t in enumerate(tokens):
        if t in ORG_WORDS or t in _CONNECTORS or (t in DEMONYMS and not (
                i and i == len(tokens) - 1 and t in _SURNAMES_TOO)):
            return False
        if t in NOT_NAMES and not (i == len(tokens) - 1 and i > 0 and t in _MONTHS) and \
                not (i == 0 and len(tokens) > 1 and t in _FIRST_NAMES_TOO):
            return False
        if not (_PROPER_TOKEN_RE.match(t) or _is_initial(t)):
            return False
    return not (tokens[0] in _PLACE_FIRST or tokens[-1] in _PLACE_LAST)


def _org_goes_on(tokens: list[tuple[int, str]], i: int) -> bool:
    """Whether the capitalised words after "and" at ``i`` end in an organisation's word."""
    rest = []
    for _, t in tokens[i + 1:]:
        if t in ("and", "the", "The"):
            break        # "Labour and the Tories": two names
        rest.append(_clean_token(t))
        if t.endswith(".") and not _is_abbreviation(t):
            break    # the sentence ends here
    return bool(rest) and rest[-1] in ORG_WORDS and not any(_is_title(t) for t in rest)


def _joins_of(piece: list[tuple[int, str]]) -> bool:
    """Whether "of"/"for" after ``piece`` continues the same name ("Bank of England",
    "Secretary of State") rather than starting another ("Rob Bauer of NATO")."""
    last = piece[-1][1]
    return last in ORG_WORDS or last in ROLE_TITLES or last in ("of", "for") or \
        last.rstrip(".") in HONORIFICS or last in _PLACE_LAST


def _clean_token(token: str) -> str:
    if token[-1:] not in ",;:.'’s":
        return token      # the common case, at once
    token = token.rstrip(",;:")
    if token.endswith(".") and not _is_abbreviation(token):
        token = token[:-1]
    if token.endswith(("'s", "’s")) and token != "McDonald's":
        return token[:-2]
    if token.endswith(("s'", "s’")):
        return token[:-1]
    return token


def _is_abbreviation(token: str) -> bool:
    bare = token.rstrip(".")
    return bare in RANKS or bare in HONORIFICS or len(bare) == 1 or "." in bare or \
        bare in ("St", "Jr", "Sr", "Mt", "Inc", "Corp", "Co", "Ltd")


def _is_initial(token: str) -> bool:
    return len(token.rstrip(".")) == 1 and token[:1].isupper()


def _contains(big: tuple[str, ...], small: tuple[str, ...]) -> bool:
    n = len(small)
    return any(big[i:i + n] == small for i in range(len(big) - n + 1))


# -- quotations ---------------------------------------------------------------------------

@dataclass
class Quote:
    """One quotation: its stretches (a quotation may run over several paragraphs, each
    re-opened with a quotation mark) and where its marks are."""

    regions: list[tuple[int, int]]
    closed: bool

    @property
    def start(self) -> int:
        """Offset of the opening mark."""
        return self.regions[0][0]

    @property
    def end(self) -> int:
        """Offset just after the closing mark (or the end of the last stretch)."""
        return self.regions[-1][1]


def find_quotes(text: str) -> list[Quote]:
    """The double-quoted passages of ``text`` (straight or curly marks), in order.

    A straight mark opens when white space (or nothing) is before it and a word after it,
    and closes otherwise. A quotation still open when another one opens ran to the end of a
    paragraph; if the text before the new mark ends a sentence, the two stretches are one
    quotation (news re-opens a quotation at each paragraph and closes it only at the end)."""
    quotes: list[Quote] = []
    open_at: int | None = None
    current: Quote | None = None
    for m in _QUOTE_MARK_RE.finditer(text):
        i = m.start()
        ch = m.group(0)
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < len(text) else " "
        if ch == "“":
            opening = True
        elif ch == "”":
            opening = False
        elif prev.isspace() or prev in "([{—–-/:":
            opening = not nxt.isspace() or open_at is None
        else:
            opening = False
        if opening:
            if open_at is not None and current is not None:
                current.regions.append((open_at, i))
                continuing = bool(re.search(r"[.!?…][\"'”’)]*\s*$", text[max(0, i - 4):i]))
                if not continuing:
                    current.closed = False
                    quotes.append(current)
                    current = None
            if current is None:
                current = Quote([], True)
            open_at = i
        elif open_at is not None and current is not None:
            current.regions.append((open_at, i + 1))
            quotes.append(current)
            current, open_at = None, None
    if open_at is not None and current is not None:
        # an unclosed quotation runs to the end of its paragraph, at most a few sentences
        para = text.find("\n\n", open_at)
        end = min(len(text) if para < 0 else para, open_at + 1200)
        current.regions.append((open_at, end))
        current.closed = False
        quotes.append(current)
    return quotes


# -- attribution --------------------------------------------------------------------------

class Attributor:
    """Attributes the sentences of one article (see ``attribute_sentences``).

    A sentence's attribution depends on the text and on the attributions of the sentences
    before it (the speaker quoted last, within ``QUOTE_MEMORY`` sentences), and on nothing
    else: ``attribution(idx)`` reads a sentence on demand and keeps the answer, pulling the
    sentences before it only when it needs them. So attributing only the sentences that can
    become claims gives each of them the same answer as attributing them all.
    """

    def __init__(self, text: str, spans: Sequence, entities: Entities | None = None) -> None:
        self.text = text
        self.spans = list(spans)
        self.entities = entities or Entities(text, breaks=[s.start for s in self.spans])
        self.quotes = find_quotes(text)
        self._quote_starts = [q.start for q in self.quotes]
        self._quote_ends = [q.end for q in self.quotes]
        self._span_starts = [s.start for s in self.spans]
        self._quote_speakers: dict[int, Attribution | None] = {}
        self._done: list[Attribution | None] = [None] * len(self.spans)

    # -- the sentences -----------------------------------------------------------------------
    def run(self, needed: Sequence[bool] | None = None) -> list[Attribution]:
        """One attribution per sentence span, in order. With ``needed``, only the sentences it
        marks are attributed (the others come back as ``NOBODY``), each exactly as a full run
        would attribute it."""
        out: list[Attribution] = []
        skipped = 0
        for idx in range(len(self.spans)):
            if needed is None or needed[idx] or skipped >= _MAX_SKIPPED:
                # every _MAX_SKIPPED-th skipped sentence is read all the same: a sentence
                # pulls the ones before it, and this bounds how deep that can recurse
                att = self.attribution(idx)
                skipped = 0
            else:
                att = NOBODY
                skipped += 1
            out.append(att)
        return out

    def attribution(self, idx: int) -> Attribution:
        """Who makes sentence ``idx``'s claim (read once, then kept)."""
        att = self._done[idx]
        if att is None:
            self._done[idx] = NOBODY        # a guard: a sentence never pulls itself
            att = self._done[idx] = self._attribute(idx, self.spans[idx],
                                                    self._overlapping(idx))
        return att

    def _overlapping(self, idx: int) -> list[tuple[int, int]]:
        """(characters inside, quotation index) of each quotation sentence ``idx`` overlaps."""
        span = self.spans[idx]
        out = []
        j = bisect_right(self._quote_ends, span.start)
        while j < len(self.quotes) and self.quotes[j].start < span.end:
            inside = sum(max(0, min(e, span.end) - max(s, span.start))
                         for s, e in self.quotes[j].regions)
            if inside:
                out.append((inside, j))
            j += 1
        return out

    def _last_speaker(self, idx: int, within: int = QUOTE_MEMORY,
                      ) -> tuple[Attribution | None, int]:
        """The nearest sentence before ``idx`` (at most ``within`` back) that credits
        someone, and its index (-100 if none)."""
        for j in range(idx - 1, max(-1, idx - 1 - within), -1):
            att = self.attribution(j)
            if att.claimant is not None:
                return att, j
        return None, -100

    def _attribute(self, idx: int, span, overlapping: list[tuple[int, int]]) -> Attribution:
        length = max(1, span.end - span.start)
        quoted = sum(n for n, _ in overlapping)
        outside = self._outside_parts(span, overlapping) if overlapping else \
            [(span.start, span.end)]
        if overlapping and quoted * 2 >= length:
            # mostly a quotation: its speaker first, else a cue of the sentence
            _, j = max(overlapping)
            speaker = self._quote_speaker(j, idx)
            if speaker is not None:
                return speaker
            return self._cue_in(idx, span, outside) or NOBODY
        own = self._cue_in(idx, span, outside)
        if own is not None:
            return own
        if overlapping:
            _, j = max(overlapping)
            speaker = self._quote_speaker(j, idx)
            if speaker is not None and self._quote_is_claim(j, span):
                return speaker
        return NOBODY

    def _quote_is_claim(self, j: int, span) -> bool:
        # a few quoted words inside the article's own sentence ('a "super union"') are not
        # someone's claim; a quotation that opens the sentence is
        q = self.quotes[j]
        words = len(self.text[q.start:q.end].split())
        return q.start <= span.start + 1 and words >= 4

    def _outside_parts(self, span, overlapping: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The stretches of ``span`` outside the quotations it overlaps (one sweep)."""
        regions = sorted(r for _, j in overlapping for r in self.quotes[j].regions)
        parts = []
        at = span.start
        for s, e in regions:
            if s > at:
                parts.append((at, min(s, span.end)))
            at = max(at, e)
            if at >= span.end:
                break
        if at < span.end:
            parts.append((at, span.end))
        return parts

    # -- cues: verbs, "according to", documents ---------------------------------------------
    def _cue_in(self, idx: int, span, parts: list[tuple[int, int]]) -> Attribution | None:
        # one scan finds every cue; "according to" wins, then verbs in order, then a
        # participle ("..., saying")
        verbs: list[tuple[re.Match[str], int, int]] = []
        participle = None
        for a, b in parts:
            for m in _CUE_RE.finditer(self.text, a, b):
                word = m.group(0)
                if word in _PARTICIPLES and _BE_BEFORE_RE.search(
                        self.text, max(a, m.start() - 24), m.start()):
                    verbs.append((m, a, b))       # "He is saying that ...": a verb
                elif word in _PARTICIPLES:
                    if participle is None:
                        # only after a comma: "..., saying"
                        comma = _COMMA_BEFORE_RE.search(self.text, max(a, m.start() - 12),
                                                        m.start())
                        if comma is not None:
                            participle = comma.start()
                elif word[:9].lower() == "according":
                    found = self._according(idx, m, b)
                    if found is not None:
                        return found
                else:
                    verbs.append((m, a, b))
        for vm, a, b in verbs:
            found = self._subject_of(idx, span, vm, a, b)
            if found is not None:
                return found
        if participle is not None:
            return self._sentence_subject(idx, span.start, participle)
        return None

    def _according(self, idx: int, m: re.Match[str], b: int) -> Attribution | None:
        end = min(b, m.end() + WINDOW)
        np_end = _NP_END_RE.search(self.text, m.end(), end)
        stop = np_end.start() if np_end else end
        return self._noun_phrase(idx, m.end(), stop, after=True)

    def _subject_of(self, idx: int, span, vm: re.Match[str], a: int,
                    b: int) -> Attribution | None:
        verb = " ".join(vm.group(0).split())
        v0, v1 = vm.start(), vm.end()
        lo = max(a, v0 - WINDOW)
        before = self.text[lo:v0]
        # the words next to the verb decide its shape; the phrase before it is read later
        found_words = list(_WORD_RE.finditer(self.text, max(lo, v0 - 60), v0))
        if len(found_words) < 4 and v0 - lo > 60:
            found_words = list(_WORD_RE.finditer(self.text, lo, v0))
        words = [w.group(0) for w in found_words]
        # skip auxiliaries and adverbs between the subject and its verb
        k = len(words)
        while k and (words[k - 1].lower() in _SKIP_BEFORE_VERB or
                     (words[k - 1].endswith("ly") and words[k - 1].islower()
                      and len(words[k - 1]) > 4)):
            k -= 1
        if k and words[k - 1].lower() in _PASSIVE + ("as",):
            if not verb.endswith("ing"):
                # "is expected", "was reported": no speaker here, unless "by" names one
                # ("..., as announced by the Office for National Statistics")
                by = _BY_RE.match(self.text, v1)
                return self._noun_phrase(idx, by.end(), self._np_end(by.end(), b),
                                         after=True) if by else None
            k -= 1           # "it is expecting"
        if k and words[k - 1].lower() in ("to", "not", "would", "will"):
            return None      # "refused to comment", "declined to say"
        prev = words[k - 1] if k else ""
        if prev.lower() in ("and", "but") and self.text[span.start:found_words[k - 1].start()
                                                        ].count(",") < 3:
            # "Wilson has twice tried ... but conceded": the sentence's subject
            return self._sentence_subject(idx, span.start, found_words[k - 1].start())
        inverted = (not prev or prev in (",", '"', "“", "”", ":") or
                    v0 <= a + 1 or before.rstrip().endswith(("”", '"', "'")))
        if inverted:
            # '"...," said X' (but "told" never comes before its subject: "told the BBC")
            found = None if verb in ("told", "tells") else self._post_verb_subject(idx, v1, b)
            if found is not None:
                return found
            if prev == ",":
                # "Ross Walker, UK economist at RBS, said": the name before the apposition
                return self._apposition_subject(idx, v0, a)
            return None
        if verb in ("read", "reads") and not re.search(r"statement|letter|notice|sign",
                                                       before[-80:], re.I):
            return None
        if verb in ("called", "calls") and not re.match(r"\s+(?:it|them|for|him|her|this)\b",
                                                        self.text[v1:v1 + 8]):
            return None
        if verb == "expected" and re.match(r"\s+to\b", self.text[v1:v1 + 5]):
            return None
        # the words before the verb, back to a clause boundary
        cut = max(before.rfind(";"), before.rfind(":"), before.rfind("—"),
                  before.rfind(" - "))
        head_start = max(a, v0 - WINDOW) + (cut + 1 if cut >= 0 else 0)
        # the phrase ends where the skipped words (auxiliaries, adverbs) begin
        stop = found_words[k].start() if k < len(words) else v0
        if verb in _NOUN_LIKE_VERBS and prev.lower() in _DETERMINERS:
            return None      # "a spokesman for the show, said": a noun after "the"
        if verb in _NOUN_LIKE_VERBS and verb not in ("read", "reads") and not (
                prev.lower() in _PERSON_PRONOUNS or prev.lower() in _ORG_PRONOUNS or
                self._described_head(words, k) or
                any(w.lower() in DOCUMENT_NOUNS for w in words[max(0, k - 8):k]) or
                any(m.subject(self.text) for m in
                    self.entities.between(max(head_start, stop - 60), stop)[-1:])):
            # "larger states", "the claims", "hit back at Labour claims": a noun, not a verb
            return None
        found = self._noun_phrase(idx, head_start, stop, after=False,
                                  document_verb=verb in DOCUMENT_VERBS)
        if found is None and "," in self.text[head_start:stop].rstrip()[-2:]:
            found = self._apposition_subject(idx, stop, a)
        if found is None and verb not in ("told", "tells"):
            # "... in our lives thinks Mr Vaughan.": the speaker after the verb, at the end
            found = self._post_verb_subject(idx, v1, b, final=True)
        if found is not None and found.kind == PERSON and verb in DOCUMENT_VERBS:
            return None      # "Martinez found herself in trouble": not a claim of hers
        return found

    @staticmethod
    def _described_head(words: list[str], k: int) -> bool:
        """Whether the words before index ``k`` end with a description ("the firm", "the
        adverts", "the new book"): a determiner, then a noun for a person, body or document."""
        if not k:
            return False
        head = words[k - 1].lower()
        if not _is_common_noun(head) or head.split("-")[0] in _NUMBER_WORDS:
            return False
        return any(w.lower() in _DETERMINERS for w in words[max(0, k - 4):k - 1])

    def _np_end(self, start: int, b: int) -> int:
        """Where a noun phrase that starts at ``start`` (after its verb) ends."""
        end = min(b, start + WINDOW)
        m = _NP_END_RE.search(self.text, start, end)
        return m.start() if m else end

    def _post_verb_subject(self, idx: int, v1: int, b: int,
                           final: bool = False) -> Attribution | None:
        """The speaker named after a verb ('"...," said X'); with ``final``, only a name
        that ends the sentence ("... thinks Mr Vaughan.")."""
        end = min(b, v1 + WINDOW)
        seg = self.text[v1:end]
        m = _LEAD_SPACE_RE.match(seg)
        start = v1 + (m.end() if m else 0)
        stop_m = _POST_NP_END_RE.search(self.text[start:end])
        stop = start + stop_m.start() if stop_m else end
        if stop <= start:
            return None
        if final and self.text[stop:stop + 1] not in (".", "!", "?"):
            return None
        word = self.text[start:stop].split()[0]
        first = word.lower()
        if first in _PREPOSITIONS or first in ("about", "to", "over", "after", "if", "why",
                                               "how", "what", "whether"):
            return None      # "asked about Mr Livingstone's remark": not a subject
        if first in ("he", "she", "it", "they", "we", "i"):
            # '"...," said he.' is rare; "said he was delighted" opens what was said
            if not _PUNCT_NEXT_RE.match(self.text, start + len(word)):
                return None
            return self._pronoun(idx, first, start)
        if final:
            # only a name that ends the sentence: "... thinks Mr Vaughan." (not "said Mr
            # Blair was a good prime minister.")
            names = self.entities.between(start, stop)
            if not word[:1].isupper() or not names or names[0].start != start or \
                    self.text[names[-1].end:stop].strip():
                return None
        if first in ("the", "a", "an", "his", "her", "its", "their") or word[:1].isupper() \
                or word[:1].isdigit() or self.entities.between(start, min(stop, start + 60)):
            found = self._noun_phrase(idx, start, stop, after=True)
            if found is None and word[:1].isupper():
                found = self._unread_name(start, stop)
            return found
        return None

    def _unread_name(self, start: int, stop: int) -> Attribution | None:
        """A speaker named after "said" in words the name reader did not take for a name
        ('"...," said Xing Wangli'): capitalised words that look like a person's name."""
        m = _CHAIN_RE.match(self.text, start, stop)
        if m is None:
            return None
        tokens = [_clean_token(t) for t in m.group(0).split(" ")]
        while tokens and (tokens[0] in _LEADING_NOISE or tokens[0] in ("The", "A", "An")):
            tokens = tokens[1:]
        if len(tokens) < 2 or len(tokens) > 4 or any(
                t in NOT_NAMES or t in ORG_WORDS or t in _CONNECTORS or
                not _PROPER_TOKEN_RE.match(t) for t in tokens):
            return None
        return Attribution(" ".join(tokens), PERSON)

    def _apposition_subject(self, idx: int, comma_end: int, a: int) -> Attribution | None:
        """The name before an apposition ("NAME, role at ORG, said" or "NAME, role said"),
        a person's or an organisation's."""
        lo = max(a, comma_end - WINDOW)
        window_mentions = self.entities.between(lo, comma_end)
        clause = _CLAUSE_START_RE.search(self.text, lo, comma_end)
        if clause and clause.group(1).lower() in _DETERMINERS:
            # "The BBC's correspondent in Jakarta, Rachel Harvey, told", "Its chief
            # executive, Justin King, said": a description, then the name set beside it
            for m in reversed(window_mentions):
                if _COMMA_GAP_RE.fullmatch(self.text, m.end, comma_end) and \
                        self.text[max(lo, m.start - 2):m.start].strip() == ",":
                    return Attribution(m.name, PERSON if m.kind == PERSON else ORGANISATION)
        # the first fitting name: a later one sits inside the apposition ("Glenn Maguire,
        # chief economist at Societe Generale, told")
        for m in window_mentions:
            gap = self.text[m.end:comma_end]
            if _APPOSED_GAP_RE.match(gap) and len(gap.split()) <= 24 and \
                    not _CLAUSE_PUNCT_RE.search(gap):   # ("Ford, which posted ..., said")
                # "Wal-Mart, the largest US retailer, has said" too
                return Attribution(m.name, PERSON if m.kind == PERSON else ORGANISATION)
        return None

    def _sentence_subject(self, idx: int, s0: int, pos: int) -> Attribution | None:
        """The subject of the clause that starts the sentence (for "..., saying")."""
        words = self.text[s0:pos]
        vm = re.search(r"\b(?:[a-z]+ed|has|had|is|was|were|are|closed|said|says|made|took|"
                       r"put|set|cut|won|lost|told|gave|did)\b", words)
        stop = s0 + (vm.start() if vm else min(len(words), 80))
        return self._noun_phrase(idx, s0, stop, after=False)

    # -- noun phrases ------------------------------------------------------------------------
    def _noun_phrase(self, idx: int, start: int, stop: int, *, after: bool,
                     document_verb: bool = False) -> Attribution | None:
        """Who a noun phrase names: ``after`` it follows its verb ("said X of Y": the first
        name counts); else it precedes the verb ("X of Y said": the head counts)."""
        seg = self.text[start:stop]
        if not seg.strip():
            return None
        mentions = self.entities.between(start, stop)
        words = _NP_WORD_RE.findall(seg)
        lower = [w.lower() for w in words]
        if not after:
            # the phrase ends at the verb: read it from its end
            tail_words = lower[-6:]
            last = tail_words[-1] if tail_words else ""
            if last in ("he", "she"):
                return self._pronoun(idx, last, stop)
            if last in ("it", "they", "which", "who"):
                return self._pronoun(idx, last, stop)
            if last in ("i", "we", "you"):
                return None
            comma = seg.rfind(",")
            if comma >= 0 and _DETERMINER_NEXT_RE.match(seg, comma + 1):
                # "In the adverts, entitled ... Sidney Taurel, the company says": the
                # description after the last comma is the subject
                clause = lower[len(_NP_WORD_RE.findall(seg[:comma])):]
                if clause and len(clause) <= 6 and clause[0] in _DETERMINERS and \
                        not self.entities.between(start + comma, stop):
                    return self._description(idx, clause, start + comma, stop, document_verb)
            if mentions:
                described = self._role_of_mention(idx, mentions[0], start, stop)
                if described is not None:
                    return described
                # "NAME of ORG" / "NAME, role of ORG" -> the person
                person = self._person_before_of(mentions, stop)
                if person is not None:
                    return person
                m = mentions[-1]
                gap = self.text[m.end:stop]
                gap_words = _ALPHA_WORD_RE.findall(gap)
                # ("Meantime, 32% said": a name before a comma or a number is not the subject)
                direct = "," not in gap and not any(ch.isdigit() for ch in gap)
                if direct and (not gap_words or (len(gap_words) <= 4 and
                                                 all(g.lower() in _GAP_NOUNS
                                                     for g in gap_words)) or (
                        # "the IFPI industry body said", "FDA medical advisors agreed":
                        # words ending in a head noun
                        len(gap_words) <= 3 and all(g.islower() for g in gap_words) and
                        not any(g in _LOWER_STOP for g in gap_words) and
                        _singular(gap_words[-1]) in _SPEAKS_FOR) or (
                        # one more word of the name: "Lions Gate entertainment announced"
                        len(gap_words) == 1 and gap_words[0].islower() and
                        not gap_words[0].endswith("ly") and m.kind != PERSON)):
                    return self._from_mention(idx, m, gap_words, mentions)
            return self._description(idx, lower, start, stop, document_verb)
        # after the verb: "said Zara Hyde Peters of UK Athletics", "said a Fox spokesman"
        if mentions:
            first = mentions[0]
            lead = self.text[start:first.start]
            lead_words = [w.lower() for w in _ALPHA_WORD_RE.findall(lead)]
            if lead_words == ["the"] and first.kind in (PERSON, "single"):
                # "said the Birchfield Harrier", "says the Waterford man": a description
                return self._described_person(idx, lower[1:], start)
            if len(lead_words) >= 2 and lead_words[0] in _DETERMINERS and \
                    lead_words[1] in PERSON_NOUNS and first.kind != PERSON:
                # "said the chairman of the Commons education committee, Barry Sheerman"
                named = _APPOSED_NAME_RE.match(self.text, stop)
                if named:
                    for m in self.entities.between(named.start(1), named.end(1) + 1):
                        if m.kind == PERSON:
                            return Attribution(m.name, PERSON)
                return self._described_person(idx, lead_words[1:2], start)
            if len(lead_words) <= 4:
                persons = [m for m in mentions if m.kind == PERSON]
                if persons and (first.kind == PERSON or any(
                        w in PERSON_NOUNS for w in
                        _LOWER_START_RE.findall(self.text[first.end:persons[0].start])) or
                        # "said MSN's Blake Irving"
                        _POSSESSIVE_GAP_RE.fullmatch(self.text, first.end, persons[0].start)):
                    return Attribution(persons[0].name, PERSON)
                head = self._appositive_head(mentions)
                tail = _ALPHA_WORD_RE.findall(self.text[head.end:stop])
                if head.kind != PERSON and tail and tail[-1].lower() in PERSON_NOUNS and \
                        tail[-1].lower() not in _SPOKES and tail[-1].lower() not in ROLE_WORDS:
                    # "added the two-time Academy Award winner": a person described
                    return self._described_person(idx, [tail[-1].lower()], start)
                return self._from_mention(idx, head, tail, mentions)
        elif lower[:1] and lower[0] in _DETERMINERS:
            # "said its chairman, Sir Anthony Greener": the name set beside the description
            named = _APPOSED_NAME_RE.match(self.text, stop)
            if named:
                for m in self.entities.between(named.start(1), named.end(1) + 1):
                    if m.kind == PERSON:
                        return Attribution(m.name, PERSON)
        return self._description(idx, lower, start, stop, document_verb)

    def _role_of_mention(self, idx: int, m: Mention, start: int,
                         stop: int) -> Attribution | None:
        """A subject that is a role held at the name after it ("The star of Rain Man said",
        "the chairman of the Bar Council said"): the person the article gives that role,
        else, for a role in a body, the body."""
        if not self.text[max(start, m.start - 5):m.start].rstrip().endswith(
                (" of", " at", " for", " the")):
            return None      # (the common case, without the pattern below)
        pre = _ROLE_OF_RE.search(self.text, max(start, m.start - 60), m.start)
        if pre is None:
            return None
        role = pre.group(1).lower()
        if role not in PERSON_NOUNS:
            return None
        person = self._person_with_role(idx, [role], m.start)
        if person is not None:
            return person
        if role in ROLE_WORDS and m.kind != PERSON:
            return None      # "the chairman of X said": X's, if nobody holds the role
        return self._described_person(idx, [role], m.start)

    def _appositive_head(self, mentions: list[Mention]) -> Mention:
        """The name a phrase is about when names are joined by a description: "Hollywood
        newspaper Daily Variety", "consultants Strategy Analytics" (not "UK Athletics" in
        "Zara Hyde Peters of UK Athletics")."""
        head = mentions[0]
        for m in mentions[1:]:
            gap = _ALPHA_WORD_RE.findall(self.text[head.end:m.start])
            if not gap or len(gap) > 3 or not all(w.islower() for w in gap) or \
                    gap[-1] not in ORG_NOUNS | PERSON_NOUNS or \
                    any(w in _PREPOSITIONS or w in ("and", "or") for w in gap):
                break
            head = m
        return head

    def _from_mention(self, idx: int, m: Mention, following: list[str],
                      mentions: list[Mention]) -> Attribution | None:
        if m.kind == PERSON:
            return Attribution(m.name, PERSON)
        if m.kind == ORGANISATION:
            return Attribution(m.name, ORGANISATION)
        # an unknown single word ("Microsoft said", "England confirmed")
        return Attribution(m.name, ORGANISATION)

    def _person_before_of(self, mentions: list[Mention], stop: int) -> Attribution | None:
        for m in reversed(mentions):
            if m.kind != PERSON:
                continue
            gap = self.text[m.end:stop]
            if _PERSON_OF_GAP_RE.match(gap) and \
                    len(gap.split()) <= 14 and not _QUOTE_PUNCT_RE.search(gap):
                return Attribution(m.name, PERSON)
        return None

    def _description(self, idx: int, lower: list[str], start: int, stop: int,
                     document_verb: bool) -> Attribution | None:
        """A described claimant: "the company", "the minister", "a Fox spokesman", "the
        poll", "the 27-year-old Austrian"."""
        if not lower:
            return None
        # the head noun is the last word, or the word before a preposition ("a Daily
        # Telegraph poll of 1,313 people", "figures from the ONS"); look back to a determiner
        tail = lower[-10:]
        for i, w in enumerate(tail):
            if w in _PREPOSITIONS and i and (tail[i - 1] in DOCUMENT_NOUNS or
                                             tail[i - 1] in _SPOKES or
                                             tail[i - 1] in ORG_NOUNS or
                                             tail[i - 1] in PERSON_NOUNS):
                # ("the world's largest maker of chips for mobile phones")
                tail = tail[:i]
                break
        cut = len(lower) - 10 + len(tail) if len(lower) > 10 else len(tail)   # head + 1
        # what the preposition names: "a statement from the discount phone firm"
        source = lower[cut + 1:]
        tail = tail[-5:]
        head = tail[-1]
        det_i = max((i for i, w in enumerate(tail) if w in _DETERMINERS), default=-1)
        phrase = tail[det_i + 1:] if det_i >= 0 else tail[-2:]
        if head in _SPOKES or head in DOCUMENT_NOUNS:
            # the names of the noun phrase only (from its determiner, after the last comma):
            # not those of the claim before it ("... over David Blunkett, a poll suggests")
            np_start = start
            places = [m.start() for m in _NP_WORD_RE.finditer(self.text, start, stop)]
            if len(places) == len(lower):
                if det_i >= 0:
                    np_start = places[cut - len(tail) + det_i]
                punct = max(self.text.rfind(ch, start, places[cut - 1]) for ch in ",;:\"“”(")
                np_start = max(np_start, punct + 1)
            mentions = self.entities.between(np_start, stop)
            orgs = [m for m in mentions if m.kind != PERSON]
            persons = [m for m in mentions if m.kind == PERSON]
            if head in _SPOKES and head not in ("statement",) and persons:
                return Attribution(persons[-1].name, PERSON)
            if orgs:
                return Attribution(orgs[-1].name, ORGANISATION)
            if persons:
                return Attribution(persons[-1].name, PERSON)
            if head in _SPOKES and det_i >= 0 and tail[det_i] == "the":
                # "the spokesman said": the body whose spokesman the article named last
                org = self._spokes_org_before(start)
                if org is not None:
                    return Attribution(org, ORGANISATION)
            det = tail[det_i] if det_i >= 0 else ""
            if source and source[0] in _DETERMINERS and source[-1] in ORG_NOUNS and \
                    lower[cut:cut + 1] != ["of"]:
                found = self._description(idx, source, start, stop, False)
                if found is not None:
                    return found
            if head in DOCUMENT_NOUNS and head not in _SPOKES:
                if det == "its":
                    return self._pronoun(idx, "it", start)
                bare = det == "" and len(_NP_WORD_RE.findall(self.text, np_start, stop)) == 1
                if det in ("the", "this", "these") or bare:
                    # "the report said", "figures show": who issued the last report named,
                    # else the last document of any kind named with its source ("a BBC
                    # survey ... the figures")
                    source = self._document_source(head, start) or \
                        self._document_source(None, start)
                    if source is not None:
                        return source
                if idx <= 1 and det not in ("the", "this", "these"):
                    # the opening sentence's "a poll suggests": the poll the next sentences
                    # name ("Some 63% of respondents in the Sunday Times poll ...")
                    source = self._document_source_ahead(head, idx)
                    if source is not None:
                        return source
                # "..., by the Bank of England's rate-setting body, minutes have shown"
                org = self._org_in_claim(start, np_start, "")
                if org is not None:
                    return Attribution(org, ORGANISATION)
                if det in ("the", "this", "these"):
                    return self._nearest(idx, start, ORGANISATION)
                return None
            if head in _SPOKES and det in ("the", "a", "an"):
                # "..., a bank spokesman told Reuters": the bank of the claim, else the
                # organisation the sentences before are about
                modifier = tail[-2] if len(tail) > 1 and det_i < len(tail) - 2 else ""
                org = self._org_in_claim(start, np_start, modifier)
                if org is not None:
                    return Attribution(org, ORGANISATION)
                return self._nearest(idx, start, ORGANISATION)
            return None
        if document_verb:
            return None
        if det_i < 0 and head not in ORG_NOUNS:
            return None
        if _YEAR_OLD_RE.match(head) or any(_YEAR_OLD_RE.match(w) for w in phrase):
            return self._nearest(idx, start, PERSON)
        if head in ORG_NOUNS and not (head in PERSON_NOUNS and head not in
                                      ("executive", "producer", "international")):
            last, _ = self._last_speaker(idx)
            if last is not None and last.kind == ORGANISATION and \
                    head in (last.claimant or "").lower().split():
                return last      # "according to the organisation": the one just quoted
            named = self.entities.org_containing(head, start)
            if named:
                return Attribution(named, ORGANISATION)
            return self._nearest(idx, start, ORGANISATION)
        if head in PERSON_NOUNS or (len(head) > 5 and head.endswith(("ist", "ian", "man",
                                                                      "woman"))):
            return self._described_person(idx, phrase, start)
        return None

    def _document_source(self, noun: str | None, pos: int) -> Attribution | None:
        """Who issued "the report" (or poll, survey...): the name next to the last time the
        article wrote that word ("a report by the IFS", "the Gartner report"); with
        ``noun`` None, any document's word."""
        lo = max(0, pos - FAR)
        pattern = _DOCUMENT_RE if noun is None else \
            re.compile(rf"\b{re.escape(noun)}\b", re.I)
        hits = [(m.start(), m.end()) for m in pattern.finditer(self.text, lo, pos)]
        for at, at_end in reversed(hits[-_DOCUMENTS_BACK:]):
            found = self._source_next_to(at, at_end)
            if found is not None:
                return found
        return None

    def _org_in_claim(self, start: int, np_start: int, noun: str) -> str | None:
        """The organisation the words before a sentence's closing attribution name (the
        last one; with ``noun``, the last whose name holds it: "a bank spokesman")."""
        orgs = [m for m in self.entities.between(start, np_start)
                if m.kind == ORGANISATION and m.name not in _PLACE_ACRONYMS]
        if noun:
            orgs = [m for m in orgs if noun in m.name.lower().split()]
        return orgs[-1].name if orgs else None

    def _document_source_ahead(self, noun: str, idx: int) -> Attribution | None:
        """Who issued a document the sentences after ``idx`` name (at most 3): "the Sunday
        Times poll", "a report published on Thursday by the World Economic Forum"."""
        if idx + 1 >= len(self.spans):
            return None
        lo = self.spans[idx + 1].start
        hi = self.spans[min(len(self.spans), idx + 4) - 1].end
        for pattern in (re.compile(rf"\b{re.escape(noun)}\b", re.I), _DOCUMENT_RE):
            for hit in pattern.finditer(self.text, lo, hi):
                found = self._source_next_to(hit.start(), hit.end())
                if found is not None:
                    return found
        return None

    def _source_next_to(self, at: int, at_end: int) -> Attribution | None:
        """The name written next to a document's word: after it ("a report by the IFS")
        or before it ("the Gartner report", "Dimension Data, which commissioned the
        survey")."""
        after = [m for m in self.entities.between(at, at + 60)
                 if _SOURCE_AFTER_RE.match(self.text, at_end, m.start)]
        before = [m for m in self.entities.between(max(0, at - 60), at)
                  if _SOURCE_BEFORE_RE.fullmatch(self.text, m.end, at)]
        for m in after[:1] + before[-1:]:
            if m.name not in _PLACE_ACRONYMS:
                return Attribution(m.name, PERSON if m.kind == PERSON else ORGANISATION)
        return None

    def _spokes_org_before(self, pos: int) -> str | None:
        """The organisation whose spokesman (statement, official...) the article named last
        before ``pos``: "a BAA spokesman", "a spokesman for BAA"."""
        lo = max(0, pos - FAR)
        for hit in reversed(list(_SPOKES_RE.finditer(self.text, lo, pos))):
            for m in reversed(self.entities.between(max(lo, hit.start() - 40), hit.start())):
                if m.kind != PERSON and _NEXT_TO_RE.fullmatch(self.text, m.end, hit.start()):
                    return m.name
            after = self.entities.between(hit.end(), min(pos, hit.end() + 40))
            if after and after[0].kind != PERSON and \
                    _FOR_THE_RE.fullmatch(self.text, hit.end(), after[0].start):
                return after[0].name
        return None

    def _described_person(self, idx: int, phrase: list[str], pos: int) -> Attribution | None:
        """A person described by a role ("the chancellor" -> Chancellor Gordon Brown), else
        the person the sentences before are about."""
        return self._person_with_role(idx, phrase, pos) or self._nearest(idx, pos, PERSON)

    def _person_with_role(self, idx: int, phrase: list[str], pos: int) -> Attribution | None:
        """The nearest person before ``pos`` whom the article gave every word of ``phrase``
        as a role ("the PM" is the prime minister)."""
        words = set()
        for w in phrase:
            if w not in _DETERMINERS:
                words.update(_ROLE_ABBREVIATIONS.get(w, (w,)))
        if not words:
            return None
        lo = max(self._sentence_start(max(0, idx - 12)), pos - FAR)
        for m in reversed(self.entities.between(lo, pos)):
            if m.kind == PERSON and words <= (self.entities.roles_of(m.name) | set(m.roles)):
                return Attribution(m.name, PERSON)
        return None

    # -- pronouns and nearest names ---------------------------------------------------------
    def _pronoun(self, idx: int, pronoun: str, pos: int) -> Attribution | None:
        """Who "he", "she", "it", "they" or "which" stands for, seen from sentence ``idx``."""
        if pronoun in ("which", "who"):
            # ", which said": the organisation just named; ", who said": the person. Without
            # the comma the clause describes ("a book which tells the story"), unless it
            # follows a document ("statistics which showed"): then its source
            before = self.text[max(0, pos - 40):pos].rstrip()
            if before.lower().endswith(pronoun):
                before = before[:-len(pronoun)].rstrip()
            if not before.endswith(",") and not (
                    pronoun == "which" and before.split()[-1:] and
                    before.split()[-1].lower() in DOCUMENT_NOUNS):
                return None
            for m in reversed(self.entities.between(max(0, pos - 120), pos)):
                if (m.kind == PERSON) == (pronoun == "who"):
                    return Attribution(m.name, m.kind if m.kind == PERSON else ORGANISATION)
            return None
        if pronoun in ("he", "she"):
            gender = _PERSON_PRONOUNS[pronoun]
            before = self.text[max(0, pos - 12):pos].rstrip()
            if before.lower().endswith(pronoun):
                before = before[:-len(pronoun)].rstrip()    # pos may follow the pronoun
            if 0 <= idx < len(self.spans) and self.spans[idx].start <= pos < self.spans[idx].end \
                    and before[-1:] not in (",", '"', "”", "'", "’", ""):
                # "Redford wants ... he believes": the subject named earlier in the sentence
                # (not after a comma or a quotation: "..., he said" follows what was said)
                for m in self.entities.between(max(self.spans[idx].start, pos - FAR), pos):
                    if self._fits(m, PERSON, gender) and m.subject(self.text) and \
                            not self._inside_quote(m.start):
                        return Attribution(m.name, PERSON)
            return self._nearest(idx, pos, PERSON, gender=gender)
        if pronoun == "it":
            return self._nearest(idx, pos, ORGANISATION)
        last, _ = self._last_speaker(idx, within=2)
        if last is not None and last.kind == ORGANISATION:
            return last
        return None

    def _nearest(self, idx: int, pos: int, kind: str, gender: str | None = None,
                 ) -> Attribution | None:
        """The fitting name nearest before sentence ``idx``: sentence by sentence back, the
        speaker of the nearest sentence that had one, else the first fitting name (most
        likely the subject) of the nearest sentence that names one."""
        last, last_sentence = self._last_speaker(idx)
        if last is not None and (last.kind != kind or not self._gender_fits(last, gender)):
            last = None
        fallback = None
        for back in range(1, SENTENCES_BACK + 1):
            j = idx - back
            if j < 0:
                break
            if last is not None and j == last_sentence:
                return last
            s0, s1 = self.spans[j].start, self.spans[j].end
            cands = [m for m in self.entities.between(max(s0, s1 - FAR), s1)
                     if self._fits(m, kind, gender)]
            if not cands:
                continue
            if last is not None and any(m.name == last.claimant for m in cands):
                return last
            m = next((m for m in cands if m.subject(self.text)), None)
            if m is None:
                # only objects here ("like Movielink"): a subject further back is likelier
                fallback = fallback or cands[0]
                continue
            return Attribution(m.name, PERSON if m.kind == PERSON else ORGANISATION)
        if last is not None:
            return last
        if fallback is not None:
            return Attribution(fallback.name, PERSON if fallback.kind == PERSON else
                               ORGANISATION)
        return None

    def _gender_fits(self, att: Attribution, gender: str | None) -> bool:
        if gender is None or att.kind != PERSON:
            return True
        return self.entities.gender_of(att.claimant or "") in (None, gender)

    def _fits(self, m: Mention, kind: str, gender: str | None) -> bool:
        if kind == PERSON:
            if m.kind != PERSON:
                return False
            if gender is None:
                return True      # (no need to read the person's gender)
            g = self.entities.gender_of(m.name)
            return g is None or g == gender
        return m.kind == ORGANISATION or (m.kind == "single" and m.subject(self.text)) or (
            m.kind == PERSON and not self.entities.is_confirmed_person(m.name))

    def _sentence_start(self, idx: int) -> int:
        return self.spans[idx].start if self.spans else 0

    # -- quotations ----------------------------------------------------------------------
    def _quote_speaker(self, j: int, idx: int) -> Attribution | None:
        """The speaker of quotation ``j``, read from the sentence it opens in (whichever of
        its sentences asks first), so that it is the same answer for all of them."""
        if j in self._quote_speakers:
            return self._quote_speakers[j]
        q = self.quotes[j]
        idx = self._sentence_of(q.start)
        if idx is None:
            idx = 0
        speaker = self._cue_after_quote(q, idx) or self._cue_before_quote(q, idx)
        if speaker is None:
            speaker = self._previous_speaker(q, idx)
        self._quote_speakers[j] = speaker
        return speaker

    def _cue_after_quote(self, q: Quote, idx: int) -> Attribution | None:
        if not q.closed:
            return None
        end = q.end
        if self.text[end - 2:end - 1] in (".", "!", "?", "…") and \
                _CAPITAL_NEXT_RE.match(self.text, end):
            return None     # '... heads." And Mr Goodridge said': the next sentence's cue
        after = self.text[end:end + WINDOW]
        stop = re.search(r"(?<![A-Z][a-z])(?<!\b[A-Z])[.!?](?:\s|$)|[\"“”]", after)
        seg_end = end + (stop.start() if stop else len(after))
        vm = _VERB_RE.search(self.text, end, seg_end)
        if vm is None or vm.start() - end > 90:
            return None
        sidx = self._sentence_of(vm.start())
        if sidx is None:
            return None
        # "he" or "the firm" after a quotation stands for someone named before it
        context = self._sentence_of(q.start)
        return self._subject_of(sidx if context is None else context, self.spans[sidx], vm,
                                end, seg_end)

    def _cue_before_quote(self, q: Quote, idx: int) -> Attribution | None:
        start = q.start
        before = self.text[max(0, start - WINDOW):start]
        # the cue ends right before the quotation: 'X said: "', 'he told BBC Sport: "'
        stripped = before.rstrip()
        if (not stripped or stripped[-1] not in ":,") and not _SAID_END_RE.search(stripped):
            return None
        sidx = self._sentence_of(start)
        if sidx is None:
            return None
        span = self.spans[sidx]
        if start - span.start <= 1 and sidx and stripped.endswith(":"):
            sidx -= 1       # 'He said:' ended the sentence before
            span = self.spans[sidx]
        a = max(span.start, start - WINDOW)
        for vm in reversed(list(_VERB_RE.finditer(self.text, a, start))):
            if self._inside_quote(vm.start()):
                continue
            found = self._subject_of(sidx, span, vm, a, start)
            if found is not None:
                return found
        # a heading line before the quotation: "- Manchester City boss Kevin Keegan:"
        if stripped.endswith(":"):
            persons = [m for m in self.entities.between(a, start) if m.kind == PERSON]
            if persons:
                return Attribution(persons[-1].name, PERSON)
        return None

    def _inside_quote(self, pos: int) -> bool:
        i = bisect_right(self._quote_starts, pos) - 1
        return i >= 0 and any(s <= pos < e for s, e in self.quotes[i].regions)

    def _previous_speaker(self, q: Quote, idx: int) -> Attribution | None:
        """An unattributed quotation: the speaker quoted last, if recent; else the person
        the previous sentences are about."""
        if len(self.text[q.start:q.end].split()) < 4:
            return None
        before = self.text[max(0, q.start - 3):q.start]
        if before.strip() and before.rstrip()[-1] not in ".!?\"”:'’":
            return None
        last, _ = self._last_speaker(idx)
        return last or self._nearest(idx, q.start, PERSON)

    def _sentence_of(self, pos: int) -> int | None:
        i = bisect_right(self._span_starts, pos) - 1
        if i < 0:
            return None
        return i


def attribute_sentences(text: str, spans: Sequence, entities: Entities | None = None, *,
                        needed: Sequence[bool] | None = None) -> list[Attribution]:
    """Who makes each sentence's claim (``spans`` are the article's sentences, in order, with
    ``start``/``end`` offsets into ``text``). The article itself is ``Attribution(None,
    "outlet")``. With ``needed`` (one flag per span) only the flagged sentences are
    attributed, each as it would be in a full run; the others come back as ``NOBODY``."""
    if not spans:
        return []
    return Attributor(text, spans, entities).run(needed)


def attribute_passage(text: str, start: int, end: int) -> Attribution:
    """Who makes the claim quoted at ``text[start:end]`` (a passage a user picked by hand):
    the attribution of the first sentence it overlaps that credits someone."""
    spans = split_sentences(text)
    result = attribute_sentences(text, spans)
    for span, att in zip(spans, result, strict=True):
        if span.end > start and span.start < end and att.claimant is not None:
            return att
    return NOBODY


# -- the older interface (ledger.add_claim) ------------------------------------------------

def build_person_index(text: str) -> dict[str, str]:
    """Map each name token of every person mentioned in ``text`` to the fullest mention
    ("Milley" -> "Gen. Mark Milley")."""
    ent = Entities(text)
    index: dict[str, str] = {}
    for m in ent.mentions:
        if m.kind != PERSON:
            continue
        for t in m.name.split():
            bare = t.rstrip(".")
            if len(t) > 2 and bare not in RANKS and bare not in HONORIFICS and (
                    t not in index or len(m.name) > len(index[t])):
                index[t] = m.name
    return index


def find_claimant(text: str, persons: dict[str, str], previous: str | None) -> str | None:
    """Who makes the claim in the single sentence ``text``: the subject of a reporting verb,
    "according to X" or a quotation's speaker, resolved with ``persons`` (from
    ``build_person_index``); a leading He/She takes ``previous``. For a passage of a stored
    article, ``attribute_passage`` reads the whole article and is better."""
    if previous:
        m = re.match(r"\s*(?:He|She)\b", text)
        if m and _VERB_RE.search(text):
            return previous
    ent = Entities(text, extra_persons=persons)
    att = Attributor(text, [Span(0, len(text), text)], ent).run()[0]
    if att.claimant is None:
        return None
    if att.kind == PERSON or att.claimant in persons:
        return persons.get(att.claimant.split()[-1], att.claimant) if \
            len(att.claimant.split()) == 1 else att.claimant
    return att.claimant
