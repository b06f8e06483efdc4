"""Language data: the word lists and phrase patterns the rules read (apart from the code that
reads them, as dateparser and spaCy keep theirs)."""

from __future__ import annotations

import re

_I = re.IGNORECASE

_MONTHS = {name: number for number, names in enumerate((
    "january jan", "february feb", "march mar", "april apr", "may", "june jun",
    "july jul", "august aug", "september sep sept", "october oct", "november nov",
    "december dec"), start=1) for name in names.split()}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMBER_WORDS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())} | {"a": 1, "an": 1}

# Capitalised only because they start a sentence (or a quote): never names by themselves.
_FUNCTION_WORDS = frozenset("""
a about above according across after afterwards again against ago ahead all almost already also
although always amid among an and another any anyone anything are around as at back because
been before behind being below beneath beside besides between beyond both but by can could
despite did do does during each earlier either else even ever every everyone everything except
few following for former from further had has have having he her here hers herself him himself
his how however i if in including inside instead into is it its itself just last later latter
least less like many may meanwhile might more moreover most much must my near neither never
nevertheless next no none nor not nothing now of off often on once one only onto or other others
otherwise our ours ourselves out outside over own per perhaps please rather regardless same
several shall she should since so some someone something sometimes soon still such than that
the their theirs them themselves then there thereby therefore these they this those though
through throughout thus to today together tomorrow too toward towards under unless unlike until
up upon us very via was we were what whatever when whenever where whereas wherever whether which
while who whoever whom whose why will with within without would yes yesterday yet you your
yours yourself yourselves indeed instead overall later earlier first second third finally also
still yet why what how now then here there sources officials analysts experts critics
police people residents witnesses investors shares markets prices analysts reporters
government governments company companies firm firms group groups state states official
read more related see watch share subscribe sign advertisement photo video getty image images
caption file copyright
""".split())
_TITLE_WORDS = frozenset("""
president vice prime minister ministers chancellor secretary senator sen rep representative
governor gov mayor king queen prince princess pope sheikh emir chairman chairwoman chair chief
executive officer ceo cfo coo cto director judge justice ambassador commissioner spokesman
spokeswoman spokesperson professor prof dr mr mrs ms miss mx sir dame lord lady general gen
colonel col lieutenant lt captain capt sergeant sgt admiral adm coach manager foreign defence
defense finance trade interior health deputy acting former founder cofounder co-founder premier
leader head councillor councilman dean bishop archbishop rabbi imam cardinal president-elect
attorney economy economic commerce energy agriculture justice home state chief-executive
analyst striker midfielder defender goalkeeper forward attacker winger captain playmaker staff
""".split())
_ROLE_NOUNS = frozenset("""
chief executive officer ceo cfo founder chairman chairwoman president minister spokesman
spokeswoman spokesperson director head analyst economist professor researcher lawyer attorney
judge senator governor mayor secretary ambassador official coach manager striker player
candidate leader chancellor premier commissioner editor reporter correspondent author
scientist engineer adviser advisor strategist banker investor activist actor singer
""".split())
_ORG_WORDS = frozenset("""
inc inc. corp corp. corporation co co. ltd ltd. limited llc plc group holdings holding bank
ministry agency university council commission party association institute foundation fund
authority board bureau court department office organisation organization federation union
league club fc airlines airline airways motors technologies technology systems networks
communications telecom telecoms energy pharmaceuticals pharma capital partners securities
insurance media news times post journal press company companies society committee school
survey
college academy hospital museum church army navy police ag sa nv gmbh se ab asa oyj bv spa
industries enterprises international labs laboratories solutions services electronics mobile
motor petroleum oil gas airport railways railway exchange reserve treasury parliament senate
congress cabinet government embassy assembly administration service centre center trust
alliance coalition network studios studio entertainment records publishing observatory
""".split())
# Capitalised words that name no party: time zones, holidays, words of the calendar.
_NOT_NAMES = frozenset("""
gmt utc est edt pst pdt cet cest bst ist jst et pt am pm christmas easter ramadan eid covid
covid-19 internet web
""".split())
_GOVERNMENT_WORDS = frozenset("""
ministry department government parliament senate congress cabinet treasury embassy assembly
administration army navy police
""".split())
# The last word of a document's name, not a party's: "Executive Order", "the Constitution",
# "Joint Comprehensive Plan of Action", "Global Magnitsky Act".
_DOCUMENT_WORDS = frozenset("""
order act law treaty constitution agreement accord accords plan resolution convention protocol
bill amendment directive declaration charter code statute ordinance decree
""".split())
# Platforms that carry what people say: a medium, not a party, unless they act themselves
# ("Twitter suspended the account").
_PLATFORMS = frozenset("""
twitter facebook youtube instagram whatsapp tiktok telegram weibo wechat reddit flickr linkedin
blogger wordpress tumblr vkontakte vk snapchat
""".split())
_GROUP_WORDS = frozenset("movement front brigade brigades militia rebels forces".split())
_ORG_CUES = frozenset("""
company firm giant maker group carrier operator rival bank lender startup start-up retailer
manufacturer supplier conglomerate chipmaker automaker carmaker airline insurer broadcaster
newspaper agency club team brand platform network outlet publisher developer producer
distributor vendor provider subsidiary unit owner parent regulator watchdog
""".split())
_LEGAL_SUFFIXES = frozenset(
    "inc corp corporation co ltd limited llc llp lp plc ag sa nv gmbh se ab asa oyj bv spa".split())
_JOINERS = frozenset("de du da do dos das di del della van von der den la le bin ibn al el".split())
_HEDGES_ANYWHERE = re.compile(
    r"\b(?:reportedly|allegedly|purportedly|rumou?red|according to (?:\w+ ){0,2}reports?"
    r"|sources? (?:said|say|says)|people familiar with|unconfirmed|is said to|are said to"
    r"|is believed to|are believed to|is thought to|are thought to)\b", re.IGNORECASE)
_HEDGES_IN_CLAUSE = re.compile(
    r"\b(?:could(?! not\b)|(?-i:may)|might|would|should|will|shall|possibly|perhaps|probably|likely"
    r"|potentially|expect(?:s|ed)? to|expected|plans? to|planned to|planning to|aims? to"
    r"|aiming to|intends? to|hopes? to|(?:is|are|was|were) set to|scheduled to|proposed)\b"
    r"|'ll\b", re.IGNORECASE)
_FUTURE = re.compile(
    r"\b(?:will|shall|(?:is|are) (?:set|due|expected|scheduled) to|plans? to|upcoming|next)\b"
    r"|'ll\b", re.IGNORECASE)
_PAST = re.compile(
    r"\b(?:was|were|had|did|said|told|won|made|began|came|went|took|gave|saw|met|lost|left"
    r"|sold|bought|paid|held|ran|rose|fell|grew|since|ago|last|\w{3,}ed"
    # Irregular past tenses news is written in ("upheld the result of the August 9 vote").
    r"|upheld|withheld|struck|hit|beat|brought|caught|chose|drove|fled|froze|kept|knew|led"
    r"|meant|sent|shot|shut|spent|spoke|stood|stole|swore|taught|thought|threw|understood"
    r"|wrote|withdrew|became|broke|built|felt|found|fought|sought|sank|sat|slept|won|overtook"
    r"|forbade|forgave|bore|tore|wore|swept|wept|dealt|dug|fed|bent|bled|sprang|sang|rang)\b",
    re.IGNORECASE)
_REPORTING = re.compile(
    r"\b(?:said|says|told|stated|added|noted|wrote|announced|announces|confirmed|revealed"
    r"|reported|disclosed)\b", re.IGNORECASE)
_SPEECH = re.compile(
    r"\b(?:said|says|told(?: \w+){0,2}|stated|added|noted|wrote|commented|explained|confirmed)"
    r"(?: (?:in|at|during|to|on) [^,;.\"“”]{0,40}?)?\s+(?:on |late |early )?$", re.IGNORECASE)

_HARD_BREAK = re.compile(r";|\s(?:but|which|who|whose|while|whereas|although)\s|,\s+(?:which|who)",
                         _I)
