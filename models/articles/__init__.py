"""Read a news article (plain text, Markdown or HTML) and propose the dated events and the
parties in it, offline, by rules and one small statistical model trained beforehand (the
name tagger, `name_tagger.py`): nothing is downloaded, nothing is learned while reading, and
the same article always gives the same proposals. A person reviews them before anything is
written.

The rules, in the order `propose` applies them:

- Sentences. A line break ends a sentence (`read_article` leaves line breaks only between
  paragraphs). Within a line, '.', '!', '?' or '…' (with closing quotes or brackets) followed by
  a space and a capital, digit or opening quote ends one, except after titles and other
  abbreviations ("Mr.", "Dr.", "St.", "e.g."), after initials ("J. K."), and after "U.S." or
  "Jan." unless a word that usually starts sentences follows ("The", "It"). "Inc.", "Ltd."
  and the like end a sentence unless a title follows ("Acme Inc. President …").
- Dates. Absolute ones ("2016", "25 August 2023", "August 25, 2023", "Aug. 2023", "2023-08-25",
  "the 1990s", "the 19th century", "44 BC", "Q3 2021", "spring 2019", "2016-2020",
  "2019-20"), and relative ones resolved against the publication date: weekdays (the one on or
  before it; on or after it in a clause about the future), "yesterday (afternoon)", "today",
  "this/last/next year|month|week" ("this week" told in the past: its days up to the
  publication; a present tense of what is scheduled, "polls open on Sunday", "ends on
  Friday", looks ahead as the future does), "two years ago", "twenty-four years ago"
  (approximate), "the last weekend of April 2012", "the first week of May", "the next
  day"/"the day before" (from the day told just before, when that is a day), month names
  without a year
  (the last one in a clause about the past, the next in one about the future, else the nearer;
  the tense is that of the verbs just before the date when there are any, "the ministers who
  were appointed in November … will see": last November), quarters without a year likewise
  ("sales rose in the fourth quarter", told in March: last year's). "The past month/week/
  year" is the span up to the day, from the same day a month, week or year before ("last
  month" is the calendar month before); what has been so "so far" or "to date" in the
  publication's year runs from its January to the day; a time of day alone ("At 0800 UTC,
  the banks announced") is on the day told before, or the article's after a lead it dates;
  "is scheduled for", "is due in", "slated for" look ahead.
  Without a publication date the relative ones are left out: a date the article does not give
  is not guessed; inside a quotation they are the speaker's, and left out too.
  Ranges: "from X to Y", "between X and Y", "X–Y", days of one month ("7 and 8 May", "May
  7-8"); "since X" runs up to the publication's day ("2019/2023-08-25": what the article can
  tell; as the development half's keys have it), and is ongoing ("2019/..") without one.
  "early/mid/late 2020" is an approximate four-month range, "the end of 2024" an approximate
  December, "about/around/circa 2019" approximate ("2019~"). A hedge ("could", "may", "might",
  "would", "will", "expected to", "plans to", "is set to") before the date in the sentence, or
  after it in its clause, makes the date uncertain ("2023?"), unless a semicolon, 'but', a
  closed quotation or relative clause, a verb of saying or 'that' stands between them;
  "reportedly", "according to media reports", "sources said" anywhere in the sentence do too.
  Dates after "before", "after", "until", "prior to" and "ahead of" bound the event rather than
  date it, and are left out ("delayed until October 2007" dates it: it is to happen then).
  A bare four-digit number is a year only in 1000..2100 and not as a count, price,
  percentage, product or time ("$2016 million", "2016 employees", "Windows 2000", "2100 GMT").
  What "would", "may", "might" or "is likely to" be after the publication is a projection, no
  event. A date that names a thing is the context of another date in its sentence, not an
  event: "from the 2018 Winter Olympics on Tuesday", "its fourth quarter results on October
  28", "The deal, announced in January 2022, was challenged in December"; a year opening a
  sentence inside its subject's name dates nothing ("The 2012 election is historic"), nor does
  a year that names an edition ("This year's theme"; but "last year's elections" happened).
  "The first/last N months of 2011" are those months. A dateline's date before the news in
  the first sentence ("CAPE CANAVERAL, Fla. - 19 April 2018: …"), or a wire's day and agency
  ("TOKYO, July 18 (Xinhua) --", "WASHINGTON (Sputnik - 19th November, 2019)"), is the
  article's. A weekday in brackets is its date's ("September 14 (Thursday)"); the same moment
  by another clock in brackets is no other date ("(2000 yesterday UTC)"); a participle after
  "be" is no past tense ("will be convened on … and December 12"); after "postponed until" or
  "ahead of" a day is the nearer one; a promise is made on its date however unsure what it
  promises; a fiscal year beside a day and a figure's comparison ("in the same quarter last
  year") date nothing.
- Events. One per (sentence, date). The date a statement was made ("…, the company said
  Friday") is dropped when the sentence dates something else that happened (not its context,
  a relative clause or an aside, nor a plan after the publication); a sentence whose only date is
  its statement's keeps it, since the announcement is then the news ("Huawei announced Friday it
  had renewed …"). News in the present perfect whose only dates are in a relative clause or a
  participle aside (", begun two years ago,") is the article's, dated by it. A photo's
  caption (a paragraph with its credit: "Photo by …", "(CC BY 2.0)") makes no event. An
  undated lead that says something has just happened, told again with its day in one of the
  next two sentences, is one event on that day ("A plane crash has killed all 61 people on
  board. The plane crashed Friday …"). A reaction at the top to a happening dated by a day
  written out is the news, and the happening its own event ("condemned the assassination of
  … on 29 June"). A date in a relative clause set off after a name tells that clause
  ("Wilson, who retired from touring in 2011, died": "Wilson retired from touring", 2011).
  Who acts in an undated paragraph of its own takes part in the article's news, not in the
  past the paragraph before told, unless it goes back to it ("Back then, …").
- Parties. (a) The store's parties, by name or alias, case-insensitively on word boundaries
  (short capitals such as "US" exactly). (b) Countries, their other names and their capitals
  standing for their governments (resources/article/countries.tsv): "Washington", "Beijing",
  "Brussels" (the European Union), but not a capital where it is a place ("based in
  Stockholm", "London dealing"). Demonyms ("American components", "the Chinese company") make
  no party; regions ("Europe") are known so as not to become parties. Wire credits ("(AP)")
  are not parties. A capital is a place, too, as a destination or origin ("flights from Sydney
  to London", "flew to Rome") and next to a place in a list ("to London and New York").
  (b2) Cities that are not capitals (resources/article/cities.txt: the largest per country and
  the financial, industrial and port centres) are places, never parties: "in Frankfurt
  trading", "Bangalore-based", "from Sydney". A city that ends a longer name ("Inter Milan",
  "Bayern Munich") is left to that name, and so are its other mentions in the article ("Munich
  said") unless they say where ("flew to Milan").
  (c) Other names: runs of capitalised words (joined by "&", by "of"/"for" after an
  organisation word or a title, by "de"/"van"/"von"… inside names), without leading function
  words, titles (a cue for a person: "President Joe Biden", "Chief of Staff Andrew Card") or
  demonyms. A single capitalised word is a name only with evidence: it is used mid-sentence
  (not as a modifier: "the Richter scale", "Democratic nominee"), or in a list of names, or
  with a cue; weekdays, months, titles, words the article also writes in lower case,
  camel-case products ("iPhone") and quoted nicknames never are; text in headline case and
  shouting are skipped. Names are merged across the article: "Huawei Technologies" and
  "Huawei", "Alan Fan" and "Fan", "Borussia Dortmund" and "Dortmund", a name and its acronym
  in brackets, "Donald J. Trump" and "Donald Trump". Kinds: organisation words and suffixes
  ("Inc", "Bank", "Ministry"), titles and role words next to a name ("team manager Pep
  Guardiola", "X, the company's … chief,", "said X."), common given names; a maker before its
  model number and product ("Airbus A350-1000 jets", "Boeing 737 Max aircraft", not "its Mate
  60 phone") is an organisation; otherwise a single word is an organisation, and a longer name
  is what most of its words are to the name tagger: a person's, or else an organisation's (one
  named after a place included: "Washington Capitals"); a name whose words the tagger reads
  mostly as no name's ("the Global Challenge Robot newsletter") is not proposed unless it does
  something. A product's name is not a party: counted or with an article before a product's
  word ("60 Starlink satellites", "the Ford Taurus sedan", "the Crown Victoria and Grand
  Marquis cars"), or after a model number or a count of it ("787 Dreamliner", "bought 20
  Dreamliners"; then wherever the article names it), or between "its" and a product's word
  ("its Macintosh computers"). An airport is a place. Names keep what is theirs: a country's
  short form before a body ("US National Science Foundation", "UAE Air Force"), demonyms that
  are the name's ("British American Tobacco", "Reynolds American"), a portfolio after "of"
  ("Office of Foreign Assets Control"), "and" in a known name ("The Globe and Mail"), where an
  embassy is ("American Embassy in China"), a body named for its members ("Kurdistan Workers'
  Party"); a body named before its speaker's title is one ("Microsoft CEO Steve Ballmer"),
  where an envoy is sent is not part of the envoy ("Ambassador to the United States Hamdullah
  Mohib"), and a country before what kind of body it is is where the body is from ("US firm
  Reynolds"). Who wrote the article ("… contributed to this report", "Additional reporting by
  …") is no party; nor is who opens a sentence only to tweet, write, explain or describe, or
  introduces a quotation there (a commenter, unless the sentence is a statement they issue).
  What a name is said to be before it is not part of it ("the NGO Educafro", "Videoblogger
  Daniel Fraga"); a ministry of several portfolios is one body ("Ministry of Economy, Trade
  and Industry"), and so is a body named for its aim ("Committee to Protect Journalists") or
  of what "the" names ("University of the Philippines"). Who is named before a colon at the
  head of a paragraph ("Ed Dalisay: …", "@handle: …") comments, and what they say is quoted.
  Not parties either: stock market indices ("the Dow Jones", "FTSE 100"), a maker's i-brands
  ("iPod Touch"), kits, shows ("Paris Air Show"), operations ("Operation Protective Edge"),
  a craft or game after its kind ("the spaceship Cygnus"), camps and shoals, the people of a
  country ("the people of Belarus") and a capital's own city ("the mayor of Bogotá"). A name in
  no event that a story of 1,200 characters or more first gives in its last quarter is its
  background and is not offered.
  One party named two ways is one: a short name that is no word (or a given name) and the
  longer name it ends or begins, when that comes first ("Mikhailov", "Cerberus", "Peter"); a
  surname several share and the person the story opens with ("Carter"); a short name and the
  company named before it rather than the person after ("Shaw"); a body by either order of
  its words ("State Department", "Department of State"), without its country or what it is of
  ("the Supreme Court" of Brazil), or by a word of initials ("USAID"); two spellings between
  the same first and last words ("Raja Parvez Ashraf", "Raja Pervaiz Ashraf"); a name with
  and without middle initials, unless they tell two people apart ("George H.W. Bush", "George
  W. Bush"). But a news medium is not the body it names ("NASA TV", "Voice of America"), a
  long document's first words are the document ("Global Magnitsky"), a list of ordinary words
  in title case names no one, a craft is not its maker ("a Falcon 9 rocket", "NASA's new
  Orion spacecraft"), money ("3 billion U.S. dollars"), a stock ticker ("(NYSE: RAD)") and a
  company's board are no parties, and a central bank is a state body. Also one party: "X,
  also known as Y"; a person's first names without the last ("Badrul Hisham" after "Badrul
  Hisham Shaharin"); an acronym in brackets, a word too, after a possessive ("the United
  National Transport Union's (Untu)", "SA Transport and Allied Workers Union (Satawu)"). A
  title after a given name that is no word is a surname ("Julie Bishop"); "High" is a title
  next to another ("the U.N. High Commissioner"); honorifics ("Datuk", "Datin") and offices
  ("Public Protector") are titles; a portfolio before its minister ("Home Affairs Minister
  …") and a seat ("the member of Parliament for North Abaco") are no parties; "dela" joins a
  name. Not parties either: a person by nationality ("the Frenchman"), a prize by its name
  ("a Grammy"), a drug by its name ("Ipsen's drug, Sohonos"), a flight, a site unless it acts
  ("Kagoshima Prefecture", "in front of Buckingham Palace", "Teaching Hospital"), a town after
  a preposition, a medium opening a paragraph with a dash ("Kaieteur News – …"). "Islamic
  State" is a name, and so is one that is no word before "party" ("the governing CNDD-FDD
  party"). Kinds: clubs by their nicknames ("Orlando Pirates"), "Brands" and "Products" end a
  company's name, a name before what its member is ("Sevilla midfielder Antonio Puerta") is a
  body, and a one-word name only sentenced or dead is a person.
  Places: "in X" (not "a stake in X", "invested in X", nor an acronym: "a stake in GMAC"),
  "the state/island/town/outskirts of X", "X region/province/island/river/volcano/mine",
  "Mount X", "Lake X", "the X River", "flights to X", "from X to Y" cue a place, and a name
  whose only cues are a place's is not proposed at all (an organisation or person cue anywhere
  in the article wins).
- Roles. A lexicon of verbs and nouns ("signed", "sanctions", "said", "acquired", "sued",
  "met") gives the party before it its subject role and the first party after it (and a list
  joined to it) its object role; passives ("was acquired by X") swap them; "agreed to buy"
  takes the second verb's (past a date: "agreed on Monday to acquire"); otherwise
  "mentioned". A name inside an aside ("Bob Smith, the chief executive of Zentrix, said"; "Jon
  Huntsman Sr., 80, the Utah billionaire …, died") does not do what follows it; the name
  before the aside does. A capital stands for its state only where it does something ("Moscow
  said", not "in central London." or "London's FTSE 100"). A body takes part as its person
  does: named before its spokesman's title ("Russian Defense Ministry spokesman Igor
  Konashenkov said"), owning its member ("New People Party's Michael Tien", elected), or as
  what its member is of ("Cheng Chung-tai of Civic Passion"; but "Bob Smith of Acme
  University said" is his word, not the university's). A word of the lexicon after a count
  is a noun ("three visits"). A seat of government written with "the" acts for its state
  ("the Kremlin said"), a capital acts past a day ("Beijing on Monday accused") and stands
  for its state after what states do to each other ("accused Washington"); a country's forces
  act for it, a country after "pro-" or "anti-" is a side taken. A country (or a list of them)
  right before what it does is a party though the lexicon has no role for the verb ("Thailand
  has recently cracked down", "both the Philippines and China have imposed"); not one that
  is, has or hosts something ("Myanmar is mainly Buddhist") or follows a preposition. A
  sentence that starts with "It", "He" or "She" takes the subject of the sentence before as
  its own. What is sold is no buyer ("sold Zenith to Acme": Zenith acquired, Acme buyer), the
  seller is who a buyer buys from; a participle set off after a name is done to it ("Pedro
  Castorena, arrested June 17, …"); who is declared the winner wins; an acronym in brackets
  is the same speaker as its name; a body does not share what befalls only its person (it
  does not die with its midfielder). A country's verb may follow a day ("Australia on
  Wednesday vowed"), and so may a name's that opens a sentence ("Boeing today announced").
- Later rules (2026-12-06, night; from articles checked by hand and not kept). Dates: a
  participle aside with its adverb is context (", first signed in 2016"); a date a figure is
  compared with is none ("compared to 2008", "than in 2015", "since Chris Evert Lloyd in
  1982"); what has happened by the day it is said is that day's news ("Vale said on Thursday
  it has reached an agreement … the collapse of a dam in 2019"); a date right before a verb of
  saying is the statement's, before the article, and gives way only to a past happening it
  tells ("Orbital today announced that its rocket launched … on Thursday"); a date said of
  now is the nearer ("said the visit from April 4-5 is …"); "should" and "are to" look ahead;
  a year naming a thing ("the 2021 … results") and a long aside about the subject ("X, who
  captained Sri Lanka … in 1982, has died") leave the news to the article's day; a meeting,
  talks, a vote or a visit named by its week is a happening ("at last week's meeting"); a
  date alone in its clause takes the tense of its first verb past an aside; what a sentence
  supposes ("If Rafter ousts Sampras …") is no happening and no one acts in it. Events: a
  happening told again on its day by the parties it had is one event, cited by the sentence
  that gives the day. Parties: more datelines ("RIO DE JANEIRO/SAO PAULO (Reuters) -",
  "(DULLES, VA 5 MARCH 1999) -", "Sriharikota (Andra Pradesh), September 26:"); countries
  with a curly apostrophe ("People’s Republic of China"); Malaysian honours ("Tan Sri Dr",
  "Datuk Seri"; "Najib Tun Razak" keeps his father's "Tun"); particles ("von der Leyen",
  "d’Alpuget"); a name whose first or last word says it is a place ("Mt Albert", "Via
  Espana"), and a ground, park, hall or house unless it acts; certificates, strategies and
  policies are documents; an analyst, an economist or a strategist and the firm named with
  them comment; an "-ing" verb opening a sentence is no part of a name ("Accusing Microsoft");
  "Counsel" and "Advocate" are titles; a chamber is a body and a union of two trades one name
  ("Oil and Gas Workers Union"); letters after "or" are the name's ("…, or PAN,"); a city or
  a country that acts first in a sentence is a party ("Liverpool beat Chelsea", "Zimbabwe
  sacked coach …"); a country before its unnamed company or union is where it is; a common
  surname alone that speaks is a person ("Merkel said").
- Later rules (2026-12-07; from articles checked by hand and not kept). Dates: the figure a
  figure is compared with ("down from Sh12 a week earlier") and the day a count stands at ("As
  of February 16, 28 cases") are no happenings, nor is a date beside another that bounds a
  figure or a superlative ("for the year to June", "the biggest takeover this year"); "would"
  after "said" looks ahead, and a weekday ahead of the day something was said on is the first
  after it; "this coming Friday" is ahead; a month "of the same year" or "that year" is in the
  year named before it; a participle after "be" tells no tense ("be formally adopted");
  "two days after Brazil's loss" is a happening of its own, counted back from the day told
  before it. Parties: a company and the country it works in ("MTN Nigeria", "Air France"),
  an officer's court or office ("Kaduwela Magistrate's Court"), "Armed Forces of Colombia",
  "Indian Air Force" and "Federal Radio Corporation of Nigeria" are one name; a country is
  where, not who, after "in northwest", "envoy to" and in the title of a person named beside
  it ("sworn in as Fiji's new prime minister"), and so is a town after "mayor of" or "on its
  way back to … from"; storms, towers and dams, a day's name ("Super Sunday"), a happening's
  word alone ("their 12th Summit"), a post held ("his Cabinet post"), a stock ticker, a title
  and its portfolio, the words before "Officer" and a jurisdiction before a title ("Toronto
  City Councillor") are no parties; legislators, councilors, police ranks, MPs and clergy are
  titles; a passer-by quoted for colour comments; a name before the appeal or lawsuit it
  brings is a party ("the Qantas appeal"), as are clubs that "have" done something ("Arsenal
  have completed", "Barcelona have signed"), a capital that acts by an irregular past
  ("Baghdad and Tehran struck a deal"), and a company before what a number counts of it
  ("600 Ryanair flights"); an initial and a name are a person ("K Sivan"); a nickname in
  quotes is inside its name; tribunals and regulators are the state's; companies named by
  their trade ("Natural Resources", "Logistics") are organisations. Roles: ", it said" is the
  subject's saying; a post set off after a name without "the" is an aside ("Raymond Omollo,
  principal secretary at the Ministry of Interior, said"); a pronoun after an opening phrase
  ("In January, it added …") is the subject before, and "he" the one person named before;
  what an "-ing" clause after a comma does is its sentence subject's ("…, killing two");
  who reports speaks, and a name only ever before a closing "reported" is a medium; a
  hashtag's country, the Saints written "St." and a name after a kin word ("his son Alaa")
  are read as such; a weekday explained by a date in brackets is one date phrase.
- Later rules (2026-12-07, morning; from articles checked by hand and not kept). Dates: a
  month or year told from the one before ("Four months later", "The following year", "Before
  the month ended") and "this past January" are read; a figure set on a day is no baseline
  ("cut its rate to 6.5% from 6.75% on Thursday"); a plan said on a day is one event on that
  day, and a day right after a verb of saying is past whatever the clause foretells ("Inflation
  will ease next year, the bank said on Tuesday"); years that describe a term, a plan or a
  season ("his 2003-2010 presidency", "the 2023/24 crop year") and what has not happened
  ("had not commented by Wednesday", "has yet to issue a statement") date nothing. Parties:
  a dateline with its wire and no dash ("Rio de Janeiro, June 15 (IANS)") or a known town and
  a comma or colon ("SEOUL, The …") is no party, and the first word after a dateline's dash
  starts the sentence ("LONDON (Reuters) — Three people"); a hyphen in a name in capitals is
  no dateline ("ZANU-PF"); bodies named by two fields ("Chamber of Commerce and Industry"),
  a Directorate, an office holder's office ("Attorney General's Office"), organisations of
  ordinary words (resources/article/bodies.txt: "Save the Children"), courts and cartels in
  lowercase after their seat ("the Madras high court", "the Gulf cartel") and a state's force
  after its country's possessive ("Italy's coastguard") are one party each; a name with its
  middle name, a name inside a longer one ("Lula") and a double surname ("López Obrador") are
  the longer one's; a body named again by what it is ("On Sunday, the bureau asked") takes
  part; a region that acts is its government; a body named for what only a state does
  ("Election Commission", "Foreign Office") is the state's, and one the tagger reads as no
  one's but that acts is an organisation; a Memorandum of Understanding, a prize for the best
  ("Man of the Match"), a describing word opening a sentence ("Veteran", "Embattled"), a
  nationality noun ("Dutchman"), a currency's mark ("Rs.", "GH¢"), a plural after a hissing
  sound ("Clashes"), an airshow or a conference, the place before a governor's title, a
  country after a company's name and "of" ("Fincantieri of Italy"), a country before a
  described player ("Spain's top-seeded Paula Badosa") and a capital before a lowercase word
  ("his Paris home") are no parties; "Emirates", "State Bank of India" and "Treasury Wine
  Estates" are companies. Roles: imposing, summoning and acquitting.
- Later rules (2026-12-07, day; from articles checked by hand and not kept). Dates: a weekday
  told with a day and month picks the year in which that day is that weekday ("for Thursday 16
  May"); a full date before "uprising" is that day ("the January 25, 2011 uprising"); "over
  the last year" is the year up to the publication; a hyphenated century before a noun ("set
  in 19th-century New Zealand") and a day set for what is to come ("set July 28 to issue his
  verdict") date nothing; a headline may end in an abbreviation's period ("… form Govt."), and
  a dateline may give the town in any case and the day first ("Athens, 7 December 2023 (dpa)
  -"). Parties: a country's government, authorities, officials, leaders, diplomats and strikes
  are the country's one party ("the Argentine government" beside "Argentina", "Israeli
  strikes", "Saudi and Iranian diplomats"), and where strikes fall or a quake hits is a place;
  an adverb or "last week" between a one-word doer and its verb ("Hamas later released") hides
  no doer; the sides of a truce take part; "the company" after an opening date is the subject
  before; the maker before its model number takes part ("39 Boeing 787 jets"); a region's or a
  state's government in lowercase ("the Punjab government", "the Borno state government") and
  a region before a body's name ("Missouri State Highway Patrol") are parties; "alias", ", or"
  after a legal suffix ("Central Japan Railway Co., or JR Tokai") give one party, a town in
  brackets ("Sam Allardyce (Blackburn)") does not; a name with a particle opening a sentence
  ("Viv de Beus") is whole; a brand before a country that acts ("Vale Canada signed") is a
  company; a name with "&" is no person's, a name before "party" an organisation, a command
  and the Pentagon the state's; ranks ("Sepoy", "Havildar") and "Barrister" are titles; the
  speaker after a straight-quoted quotation of two sentences is outside it; a currency's
  letters ("US$"), a medicine ("Comirnaty, the vaccine"), a term's letters ("liquified natural
  gas (LNG)"), a continent's adjective ("the first Asian firm"), "-related" and "-day" words,
  time zones ("AEST"), a news or press agency, a company's "government relations" staff and
  a name said to be a suburb, camp or airbase are no parties; a plural ("the Houthis" after
  "the Houthi rebels", but not "20 Airbuses"), the letters before a hyphen ("VMRO" after
  "VMRO-DPMNE") and a lowercase "al" before a name ("al Shabaab") are one party with it.
- Titles. The sentence without its date phrase, dateline, leading adverbial clause ("Despite
  those tensions,"), trailing attribution (", the company said"), brackets and asides between
  dashes, cut at a clause boundary and then at a phrase boundary to at most 90 characters.
- Limits (far above any article's; issue 12). A "sentence" longer than 1,000 characters (a
  list, a table, text without full stops) is quoted, titled and given parties by the part of
  about 1,000 characters around each date. An article is read for at most 20,000 possible
  dates (pattern matches) and proposes at most 5,000 events; past either, the rest of it is not
  dated and the proposals' note says how far it was read. The qualifying words before a date
  ("since", "from", "in", "about") are looked for in the 40 characters before it, a verb of
  saying in the 160 before it. Time is linear in the length of the article.
"""

from __future__ import annotations

from models.articles.pipeline import propose, warm_up
from models.articles.reading import MAX_ARTICLE_BYTES, read_article

__all__ = ["MAX_ARTICLE_BYTES", "propose", "read_article", "warm_up"]
