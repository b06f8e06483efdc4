"""The verb lexicon: the verbs that say who does what to whom, with the role of the party
before each (its subject) and after it (its object). Read by roles.py for each sentence's
roles, and by parties.py for what a name that is done to is (a platform banned or fined)."""

from __future__ import annotations

_LEXICON_ROWS = (
    ("signed signing", "signatory", "signatory"),
    ("renew renews renewed renewing extend extends extended extending agree agrees agreed",
     "signatory", "signatory"),
    ("agreement agreements deal deals pact pacts treaty contract contracts accord licence "
     "license", "signatory", "signatory"),
    # (the sides of a truce agree to it as to a deal: "a ceasefire between Israel and Hamas")
    # (but not a "rapprochement with Russia", which may be only wished for)
    ("ceasefire ceasefires cease-fire truce truces armistice", "party", "party"),
    ("sanction sanctions sanctioned sanctioning designate designates designated",
     "sanctioning party", "sanctioned"),
    ("ban bans banned banning blacklist blacklisted blacklisting", "banning party", "banned"),
    ("impose imposes imposed imposing", "imposing party", "affected"),
    ("summon summons summoned summoning", "summoning party", "summoned"),
    ("acquit acquits acquitted", "court", "acquitted"),
    ("say says said tell tells told added stated notes noted indicate indicates indicated "
     "affirm affirms affirmed stress stresses stressed insist insists insisted report reports "
     "reported",
     "spokesperson", "addressee"),
    ("own owns owned", "owner", "owned"),
    ("announce announces announced announcing unveil unveils unveiled launch launches launched "
     "declare declares declared", "announcer", "mentioned"),
    ("acquire acquires acquired acquiring buy buys bought buying purchase purchases purchased "
     "takeover acquisition", "buyer", "acquired"),
    ("sell sells sold selling", "seller", "acquired"),  # ("sold Zenith": what is sold)
    ("merge merges merged merging merger", "merging party", "merging party"),
    ("sue sues sued suing lawsuit", "plaintiff", "defendant"),
    ("meet meets met meeting talks summit", "participant", "participant"),
    ("accuse accuses accused accusing suspect suspects suspected", "accuser", "accused"),
    ("deny denies denied", "denying party", "mentioned"),
    ("warn warns warned warning", "warning party", "warned"),
    ("pressure pressures pressured pressuring urge urges urged", "pressuring party", "pressed"),
    ("fined", "fining authority", "fined"),
    ("invest invests invested investing investment", "investor", "investee"),
    ("beat beats beaten beating defeated defeats defeat defeating", "winner", "defeated"),
    ("win wins won", "winner", "mentioned"),
    ("lose loses lost losing", "defeated", "winner"),  # ("Australia lost to England")
    ("impeach impeaches impeached oust ousts ousted", "dismissing party", "dismissed"),
    ("elected", "electorate", "elected"),
    ("appoint appoints appointed hire hires hired sworn swore swear swears inaugurated",
     "appointer", "appointee"),
    ("join joins joined joining", "joining party", "joined"),
    ("attack attacks attacked invade invades invaded", "attacker", "target"),
    ("hit hits struck rocked", "cause", "struck"),
    ("ruled ruling overturn overturns overturned uphold upholds upheld annul annuls annulled "
     "quash quashes quashed", "court", "party"),
    ("broker brokers brokered mediate mediates mediated", "mediator", "mentioned"),
    ("approve approves approved approval cleared", "approver", "approved"),
    ("block blocks blocked reject rejects rejected", "blocking party", "blocked"),
    ("pay pays paid", "payer", "payee"),
    ("partner partners partnered partnership", "partner", "partner"),
    ("welcome welcomes welcomed congratulate congratulates congratulated commend commends "
     "commended praise praises praised", "welcoming party", "welcomed"),
    ("condemn condemns condemned denounce denounces denounced criticise criticises "
     "criticised criticize criticizes criticized", "condemning party", "condemned"),
    ("arrest arrests arrested detain detains detained", "arresting authority", "arrested"),
    ("compete competes competed competing rival rivals rivalled rivaled dethrone dethroned "
     "dethroning overtake overtakes overtook overtaking", "competitor", "competitor"),
    ("name names named nominate nominates nominated choose chooses chose pick picks picked "
     "select selects selected", "appointer", "appointee"),
    ("replace replaces replaced replacing succeed succeeds succeeded", "successor",
     "predecessor"),
    ("resign resigns resigned resigning relinquish relinquishes relinquished quit quits",
     "resigning party", "mentioned"),
    ("die dies died", "deceased", "mentioned"),
    ("kill kills killed killing murder murders murdered", "killer", "killed"),
    ("supply supplies supplied provide provides provided manufacture manufactures "
     "manufactured build builds built", "supplier", "customer"),
    ("file files filed filing", "filing party", "mentioned"),
    ("vote votes voted", "voter", "mentioned"),
    ("protest protests protested protesting march marched demonstrate demonstrated",
     "protester", "protested"),
    ("hack hacks hacked", "attacker", "target"),
    ("sentence sentences sentenced convict convicts convicted", "court", "sentenced"),
    ("plead pleads pleaded pled", "defendant", "mentioned"),
    ("charge charges charged indict indicts indicted prosecute prosecutes prosecuted "
     "prosecution", "prosecutor", "charged"),
    ("support supports supported backs backed", "supporter", "supported"),
    ("oppose opposes opposed", "opposing party", "opposed"),
    ("challenge challenges challenged", "challenger", "challenged"),
    ("release releases released free frees freed", "releasing party", "released"),
    ("organise organises organised organize organizes organized", "organiser", "mentioned"),
    ("investigate investigates investigated probe probes probed investigation investigations",
     "investigator", "investigated"),
    ("confirm confirms confirmed", "announcer", "mentioned"),
    ("visit visits visited", "visitor", "host"),
    ("dismiss dismisses dismissed fire fires fired sack sacks sacked disqualify disqualifies "
     "disqualified", "dismissing party",
     "dismissed"),
    ("award awards awarded grant grants granted", "awarding party", "recipient"),
    ("boycott boycotts boycotted", "boycotting party", "boycotted"),
    ("suspend suspends suspended expel expels expelled", "suspending party", "suspended"),
    ("rescue rescues rescued", "rescuer", "rescued"),
    ("threaten threatens threatened", "warning party", "warned"),
    ("according", "mentioned", "source"),
)
_LEXICON = {word: (subject, obj) for words, subject, obj in _LEXICON_ROWS
            for word in words.split()}
