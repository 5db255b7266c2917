"""Positions: fresh paraphrases of the GUIDELINES stance shapes, topic by topic (own
sentences, shipped lexicon): verbs, nouns and adjectives of support and rejection,
offers, demands, conditions and refusals, held by countries, capitals, demonyms,
governments, officials and documents; deontic demands voiced by a speaker ("Lavrov said
Kyiv must withdraw …"), negated existentials ("there will be no foreign troops"), claims
("Crimea is Russian"), predicates held by a for/to party ("a red line for Kyiv"). Each
sentence must give exactly the listed triples: the near misses (discussing, questions,
forecasts, if-clauses, facts, bare place names) must give none."""

from __future__ import annotations

import pytest

from extract_helpers import Triple
from extract_helpers import position_triples as triples
from talks.lexicon import Lexicon, load


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load()


CASES: list[tuple[str, set[Triple]]] = [
    # neutrality
    ("Moscow wants Ukraine to stay neutral.", {("Russia", "neutrality", "support")}),
    ("The Kremlin insists on a neutral Ukraine.", {("Russia", "neutrality", "support")}),
    ("Kyiv is open to a non-aligned status.", {("Ukraine", "neutrality", "support")}),
    (
        "Ukraine's negotiators have agreed to a neutral status.",
        {("Ukraine", "neutrality", "support")},
    ),
    (
        "Moscow has repeatedly called for Ukraine's neutrality.",
        {("Russia", "neutrality", "support")},
    ),
    ("Zelensky said Ukraine was ready to discuss neutrality.", set()),
    ("Ukraine rejected neutrality as a non-starter.", {("Ukraine", "neutrality", "oppose")}),
    ("Kyiv has ruled out a neutral status.", {("Ukraine", "neutrality", "oppose")}),
    ("Ukraine will not accept neutrality.", {("Ukraine", "neutrality", "oppose")}),
    ("A neutral status is a red line for Kyiv.", {("Ukraine", "neutrality", "oppose")}),
    ("Neutrality is unacceptable to Kyiv.", {("Ukraine", "neutrality", "oppose")}),
    ("Kyiv dismissed the idea of neutrality.", {("Ukraine", "neutrality", "oppose")}),
    (
        "Ukrainian officials signalled openness to neutrality.",
        {("Ukraine", "neutrality", "support")},
    ),
    ("Kyiv is willing to consider a neutral status.", set()),
    ("The Ukrainian delegation proposed a neutral status.", {("Ukraine", "neutrality", "support")}),
    (
        "Moscow's insistence on a neutral Ukraine has not changed.",
        {("Russia", "neutrality", "support")},
    ),
    (
        "The Kremlin spokesman said Moscow wanted a neutral Ukraine.",
        {("Russia", "neutrality", "support")},
    ),
    ("Kyiv could live with a neutral status.", {("Ukraine", "neutrality", "support")}),
    ("Kyiv has signaled it could accept neutrality.", {("Ukraine", "neutrality", "support")}),
    ("Ukraine is prepared to become a neutral country.", {("Ukraine", "neutrality", "support")}),
    (
        "The Ukrainians are not prepared to give up their non-bloc status.",
        {("Ukraine", "neutrality", "support")},
    ),
    # nato
    ("Russia demands that Ukraine abandon its NATO ambitions.", {("Russia", "nato", "oppose")}),
    ("Moscow opposes Ukraine's accession to NATO.", {("Russia", "nato", "oppose")}),
    ("Ukraine has not given up on joining NATO.", {("Ukraine", "nato", "support")}),
    (
        "Washington has taken NATO membership for Ukraine off the table.",
        {("United States", "nato", "oppose")},
    ),
    ("Lavrov said NATO membership for Ukraine was a red line.", {("Russia", "nato", "oppose")}),
    ("Kyiv insists on its right to join NATO.", {("Ukraine", "nato", "support")}),
    ("Ukraine dropped its bid to join NATO.", {("Ukraine", "nato", "oppose")}),
    ("Zelensky said Ukraine would not join NATO.", {("Ukraine", "nato", "oppose")}),
    (
        "The United States does not support Ukraine's membership in NATO.",
        {("United States", "nato", "oppose")},
    ),
    ("Kyiv is no longer insisting on NATO membership.", {("Ukraine", "nato", "oppose")}),
    (
        "Moscow is seeking guarantees that Ukraine will never join NATO.",
        {("Russia", "nato", "oppose")},
    ),
    (
        "Russia wants a written promise that NATO will not expand eastward.",
        {("Russia", "nato", "oppose")},
    ),
    ("Germany is against Ukraine joining NATO.", {("Germany", "nato", "oppose")}),
    ("Kyiv remains committed to NATO membership.", {("Ukraine", "nato", "support")}),
    (
        "Ukraine's NATO aspirations are non-negotiable, Zelensky said.",
        {("Ukraine", "nato", "support")},
    ),
    ("Hungary has vetoed Ukraine's NATO bid.", {("Hungary", "nato", "oppose")}),
    # crimea
    (
        "Russia demands recognition of Crimea as Russian territory.",
        {("Russia", "crimea", "support")},
    ),
    ("Kyiv will never recognise Crimea as part of Russia.", {("Ukraine", "crimea", "oppose")}),
    ("Ukraine refuses to cede Crimea.", {("Ukraine", "crimea", "oppose")}),
    (
        "Washington is prepared to recognise Russian control over Crimea.",
        {("United States", "crimea", "support")},
    ),
    ("Kyiv seeks the return of Crimea.", {("Ukraine", "crimea", "oppose")}),
    (
        "Ukraine says the de-occupation of Crimea remains its goal.",
        {("Ukraine", "crimea", "oppose")},
    ),
    ("The US plan would recognise Crimea as Russian.", {("United States", "crimea", "support")}),
    (
        "Zelensky rejected any recognition of Russian sovereignty over Crimea.",
        {("Ukraine", "crimea", "oppose")},
    ),
    # donbas
    (
        "Moscow wants Kyiv to withdraw its troops from the Donetsk region.",
        {("Russia", "donbas", "support")},
    ),
    (
        "Ukraine rejected demands to hand over the rest of Donbas.",
        {("Ukraine", "donbas", "oppose")},
    ),
    (
        "Russia recognised the independence of the Donetsk and Luhansk people's republics.",
        {("Russia", "donbas", "support")},
    ),
    (
        "Kyiv will not recognise the so-called people's republics.",
        {("Ukraine", "donbas", "oppose")},
    ),
    ("Ukraine refuses to surrender Donetsk.", {("Ukraine", "donbas", "oppose")}),
    ("Zelensky said Kyiv would never give up Donbas.", {("Ukraine", "donbas", "oppose")}),
    (
        "The Kremlin insists that Ukrainian forces leave the Donbas.",
        {("Russia", "donbas", "support")},
    ),
    # security guarantees
    (
        "Ukraine wants legally binding security guarantees.",
        {("Ukraine", "security_guarantees", "support")},
    ),
    (
        "Britain and France offered to act as guarantors of Ukraine's security.",
        {
            ("France", "security_guarantees", "support"),
            ("United Kingdom", "security_guarantees", "support"),
        },
    ),
    (
        "Moscow rejects any security guarantees involving NATO countries.",
        {("Russia", "security_guarantees", "oppose")},
    ),
    (
        "The US is ready to provide security guarantees.",
        {("United States", "security_guarantees", "support")},
    ),
    (
        "Berlin pledged to guarantee Ukraine's security.",
        {("Germany", "security_guarantees", "support")},
    ),
    (
        "Washington refused to offer Kyiv security guarantees.",
        {("United States", "security_guarantees", "oppose")},
    ),
    ("Security guarantees are a must for Kyiv.", {("Ukraine", "security_guarantees", "support")}),
    (
        "Kyiv regards security guarantees as indispensable.",
        {("Ukraine", "security_guarantees", "support")},
    ),
    # ceasefire
    ("Kyiv called for an immediate ceasefire.", {("Ukraine", "ceasefire", "support")}),
    ("Moscow rejected calls for a truce.", {("Russia", "ceasefire", "oppose")}),
    (
        "Ukraine agreed to a 30-day ceasefire proposed by Washington.",
        {("Ukraine", "ceasefire", "support"), ("United States", "ceasefire", "support")},
    ),
    ("Putin backed the idea of a truce in principle.", {("Russia", "ceasefire", "support")}),
    ("China urged all parties to cease fire.", {("China", "ceasefire", "support")}),
    ("Moscow has said it will not agree to a ceasefire.", {("Russia", "ceasefire", "oppose")}),
    (
        "Kyiv refuses a ceasefire that would freeze the front line.",
        {("Ukraine", "ceasefire", "oppose")},
    ),
    (
        "The Europeans want an unconditional ceasefire first.",
        {("European Union", "ceasefire", "support")},
    ),
    ("Poland's foreign minister demanded a truce.", {("Poland", "ceasefire", "support")}),
    ("Russia has accepted a temporary halt to strikes on energy facilities.", set()),
    ("Turkey is pushing for a truce.", {("Turkey", "ceasefire", "support")}),
    ("The Kremlin said a ceasefire was premature.", {("Russia", "ceasefire", "oppose")}),
    ("Moscow is in favour of a ceasefire.", {("Russia", "ceasefire", "support")}),
    ("Kyiv has endorsed the ceasefire proposal.", {("Ukraine", "ceasefire", "support")}),
    (
        "Putin said he supported the idea of a ceasefire but had questions.",
        {("Russia", "ceasefire", "support")},
    ),
    ("Ukraine will observe a ceasefire if Russia does.", {("Ukraine", "ceasefire", "support")}),
    (
        "Zelensky said Ukraine was committed to a full ceasefire.",
        {("Ukraine", "ceasefire", "support")},
    ),
    ("Washington is working towards a ceasefire.", {("United States", "ceasefire", "support")}),
    ("The Kremlin brushed off calls for a truce.", {("Russia", "ceasefire", "oppose")}),
    ("Russia has balked at an unconditional truce.", {("Russia", "ceasefire", "oppose")}),
    # leaders meeting
    ("Zelensky has offered to meet Putin.", {("Ukraine", "leaders_meeting", "support")}),
    (
        "The Kremlin ruled out a Putin-Zelensky meeting for now.",
        {("Russia", "leaders_meeting", "oppose")},
    ),
    (
        "Peskov said a meeting between Putin and Zelensky was possible only after a deal.",
        {("Russia", "leaders_meeting", "support")},
    ),
    (
        "Trump said he was ready to sit down with Putin.",
        {("United States", "leaders_meeting", "support")},
    ),
    (
        "Zelensky is willing to meet Putin face to face.",
        {("Ukraine", "leaders_meeting", "support")},
    ),
    (
        "The Kremlin is not against a summit between Putin and Trump.",
        {("Russia", "leaders_meeting", "support")},
    ),
    ("Putin invited Zelensky to Moscow for talks.", {("Russia", "leaders_meeting", "support")}),
    (
        "Zelensky turned down an invitation to meet Putin in Moscow.",
        {("Ukraine", "leaders_meeting", "oppose")},
    ),
    (
        "Moscow sees no point in a meeting between Putin and Zelensky.",
        {("Russia", "leaders_meeting", "oppose")},
    ),
    # sanctions
    (
        "Brussels is preparing a new package of sanctions against Russia.",
        {("European Union", "sanctions", "support")},
    ),
    ("Moscow wants Western sanctions lifted.", {("Russia", "sanctions", "oppose")}),
    ("Washington said sanctions would stay in place.", {("United States", "sanctions", "support")}),
    ("Berlin refused to ease the sanctions.", {("Germany", "sanctions", "support")}),
    (
        "Russia demands the lifting of sanctions as a precondition.",
        {("Russia", "sanctions", "oppose")},
    ),
    (
        "The EU agreed to extend sanctions on Russia for six months.",
        {("European Union", "sanctions", "support")},
    ),
    ("London announced fresh sanctions on Moscow.", {("United Kingdom", "sanctions", "support")}),
    ("Hungary has blocked a new sanctions package.", {("Hungary", "sanctions", "oppose")}),
    ("Washington threatened Moscow with sanctions.", {("United States", "sanctions", "support")}),
    ("The EU will step up sanctions against Moscow.", {("European Union", "sanctions", "support")}),
    ("Kyiv urged its allies to tighten sanctions.", {("Ukraine", "sanctions", "support")}),
    (
        "Britain vowed to keep up the pressure with sanctions.",
        {("United Kingdom", "sanctions", "support")},
    ),
    ("Paris will not lift sanctions until Russia withdraws.", {("France", "sanctions", "support")}),
    ("Moscow seeks sanctions relief.", {("Russia", "sanctions", "oppose")}),
    ("Slovakia has opposed new sanctions on Russia.", {("Slovakia", "sanctions", "oppose")}),
    ("Washington is weighing new sanctions.", set()),
    ("Sanctions have hit the Russian economy hard.", set()),
    # eu membership
    (
        "Brussels backs Ukraine's bid to join the EU.",
        {("European Union", "eu_membership", "support")},
    ),
    (
        "Russia does not object to Ukraine joining the European Union.",
        {("Russia", "eu_membership", "support")},
    ),
    ("Moscow has no objection to Kyiv's EU membership.", {("Russia", "eu_membership", "support")}),
    ("Hungary opposes Ukraine's accession to the EU.", {("Hungary", "eu_membership", "oppose")}),
    ("Kyiv hopes to join the European Union by 2030.", {("Ukraine", "eu_membership", "support")}),
    (
        "Budapest is blocking Ukraine's path to EU membership.",
        {("Hungary", "eu_membership", "oppose")},
    ),
    # foreign bases
    (
        "Moscow will not tolerate foreign troops in Ukraine.",
        {("Russia", "foreign_bases", "oppose")},
    ),
    (
        "France and Britain are prepared to send peacekeepers.",
        {("France", "foreign_bases", "support"), ("United Kingdom", "foreign_bases", "support")},
    ),
    (
        "Russia considers any deployment of Western troops unacceptable.",
        {("Russia", "foreign_bases", "oppose")},
    ),
    (
        "Kyiv wants a European reassurance force on its soil.",
        {("Ukraine", "foreign_bases", "support")},
    ),
    (
        "Lavrov said Moscow would never accept NATO troops in Ukraine.",
        {("Russia", "foreign_bases", "oppose")},
    ),
    ("Germany has no plans to send troops to Ukraine.", {("Germany", "foreign_bases", "oppose")}),
    ("Italy will not send soldiers to Ukraine.", {("Italy", "foreign_bases", "oppose")}),
    (
        "The Kremlin warned against stationing foreign troops in Ukraine.",
        {("Russia", "foreign_bases", "oppose")},
    ),
    (
        "Moscow objects to the presence of foreign forces in Ukraine.",
        {("Russia", "foreign_bases", "oppose")},
    ),
    (
        "Britain is ready to put troops on the ground in Ukraine.",
        {("United Kingdom", "foreign_bases", "support")},
    ),
    ("Ukraine would not host foreign military bases.", {("Ukraine", "foreign_bases", "oppose")}),
    # nuclear
    ("Ukraine is ready to remain a non-nuclear state.", {("Ukraine", "nuclear_status", "support")}),
    (
        "Moscow insists that Ukraine renounce nuclear weapons.",
        {("Russia", "nuclear_status", "support")},
    ),
    (
        "Kyiv has no intention of acquiring nuclear weapons.",
        {("Ukraine", "nuclear_status", "support")},
    ),
    # demilitarization
    ("Russia demands deep cuts to Ukraine's army.", {("Russia", "demilitarization", "support")}),
    (
        "Kyiv rejects any limits on the size of its armed forces.",
        {("Ukraine", "demilitarization", "oppose")},
    ),
    (
        "Ukraine will not accept restrictions on its military.",
        {("Ukraine", "demilitarization", "oppose")},
    ),
    (
        "The Kremlin wants a cap on Ukrainian troop numbers.",
        {("Russia", "demilitarization", "support")},
    ),
    (
        "Moscow is pressing for the demilitarisation of Ukraine.",
        {("Russia", "demilitarization", "support")},
    ),
    (
        "Zelensky said a reduction of the Ukrainian army was out of the question.",
        {("Ukraine", "demilitarization", "oppose")},
    ),
    ("Russia wants to shrink Ukraine's armed forces.", {("Russia", "demilitarization", "support")}),
    # territorial integrity
    ("Kyiv will not cede any territory.", {("Ukraine", "territorial_integrity", "support")}),
    (
        "Zelensky ruled out territorial concessions.",
        {("Ukraine", "territorial_integrity", "support")},
    ),
    ("Washington has floated a land swap.", {("United States", "territorial_integrity", "oppose")}),
    (
        "Moscow demands that Kyiv withdraw from the four regions.",
        {("Russia", "territorial_integrity", "oppose")},
    ),
    (
        "Kyiv has refused to recognise the occupied territories as Russian.",
        {("Ukraine", "territorial_integrity", "support")},
    ),
    (
        "Ukraine's refusal to cede land is the main obstacle.",
        {("Ukraine", "territorial_integrity", "support")},
    ),
    (
        "Kyiv's rejection of any territorial concessions complicates the talks.",
        {("Ukraine", "territorial_integrity", "support")},
    ),
    (
        "The EU reaffirmed its support for Ukraine's territorial integrity.",
        {("European Union", "territorial_integrity", "support")},
    ),
    (
        "Beijing respects the territorial integrity of all countries.",
        {("China", "territorial_integrity", "support")},
    ),
    (
        "Moscow wants Kyiv to give up the regions it still controls.",
        {("Russia", "territorial_integrity", "oppose")},
    ),
    (
        "Zelensky said he would not trade land for peace.",
        {("Ukraine", "territorial_integrity", "support")},
    ),
    (
        "Kyiv will never legally recognise occupied land as Russian.",
        {("Ukraine", "territorial_integrity", "support")},
    ),
    (
        "Russia insists on keeping the territories it has seized.",
        {("Russia", "territorial_integrity", "oppose")},
    ),
    # holders / documents / nominalisations
    (
        "According to the Ukrainian side, Kyiv is ready for a ceasefire.",
        {("Ukraine", "ceasefire", "support")},
    ),
    (
        "In a statement, the French foreign ministry called for a ceasefire.",
        {("France", "ceasefire", "support")},
    ),
    ("Beijing's position paper calls for a ceasefire.", {("China", "ceasefire", "support")}),
    (
        "The Russian memorandum demands that Ukraine withdraw from Donbas.",
        {("Russia", "donbas", "support")},
    ),
    ("Russia's demand for Ukrainian neutrality remains.", {("Russia", "neutrality", "support")}),
    (
        "The Turkish foreign minister said Ankara supports a ceasefire.",
        {("Turkey", "ceasefire", "support")},
    ),
    (
        "Washington's 28-point plan envisages a cap on Ukraine's army.",
        {("United States", "demilitarization", "support")},
    ),
    # quotes, speakers, pronouns
    ('"We are ready for a ceasefire," Zelensky said.', {("Ukraine", "ceasefire", "support")}),
    (
        '"We will never recognise Crimea as Russian," the Ukrainian president said.',
        {("Ukraine", "crimea", "oppose")},
    ),
    (
        '"Neutrality is acceptable to us," Medinsky told reporters.',
        {("Russia", "neutrality", "support")},
    ),
    (
        "Estonian Foreign Minister Liisa Tamm said her country backed tougher sanctions.",
        {("Estonia", "sanctions", "support")},
    ),
    (
        "Lavrov said Moscow would not accept any foreign peacekeepers.",
        {("Russia", "foreign_bases", "oppose")},
    ),
    (
        "Zelensky met Macron in Paris. He said Ukraine needed security guarantees.",
        {("Ukraine", "security_guarantees", "support")},
    ),
    (
        "The Ukrainian leader repeated his call for a ceasefire.",
        {("Ukraine", "ceasefire", "support")},
    ),
    ("Zelensky: Ukraine will never cede Donbas", {("Ukraine", "donbas", "oppose")}),
    ("A ceasefire was rejected by Moscow.", {("Russia", "ceasefire", "oppose")}),
    ("For Moscow, NATO membership for Ukraine is a red line.", {("Russia", "nato", "oppose")}),
    (
        "Macron said France was ready to send troops as part of a reassurance force.",
        {("France", "foreign_bases", "support")},
    ),
    (
        "The Polish prime minister said Warsaw would not send troops to Ukraine.",
        {("Poland", "foreign_bases", "oppose")},
    ),
    (
        "Sybiha said Kyiv would not accept any limits on its armed forces.",
        {("Ukraine", "demilitarization", "oppose")},
    ),
    (
        "Zelensky told CNN that Ukraine was ready to hold a ceasefire.",
        {("Ukraine", "ceasefire", "support")},
    ),
    ("The Kremlin welcomed the proposal for a truce.", {("Russia", "ceasefire", "support")}),
    ("Moscow said it was in no rush to agree a ceasefire.", {("Russia", "ceasefire", "oppose")}),
    (
        "Trump said he wants a ceasefire as soon as possible.",
        {("United States", "ceasefire", "support")},
    ),
    (
        "Putin said Russia's conditions included Ukraine's neutral status.",
        {("Russia", "neutrality", "support")},
    ),
    (
        "Russia's conditions for peace include a neutral Ukraine and limits on its army.",
        {("Russia", "demilitarization", "support"), ("Russia", "neutrality", "support")},
    ),
    (
        "Among Moscow's demands are neutrality and the recognition of Crimea.",
        {("Russia", "crimea", "support"), ("Russia", "neutrality", "support")},
    ),
    (
        "Kyiv's position is clear: no territorial concessions.",
        {("Ukraine", "territorial_integrity", "support")},
    ),
    # near misses
    ("The delegations discussed a possible ceasefire.", set()),
    ("Reporters asked whether Russia would accept a truce.", set()),
    ("If Ukraine joins NATO, Russia will respond.", set()),
    ("Will Kyiv accept neutrality?", set()),
    ("The talks on security guarantees resumed on Monday.", set()),
    ("Crimea was annexed in 2014.", set()),
    ("The ministers talked about NATO membership.", set()),
    ("It is unclear whether Moscow wants a truce.", set()),
    ("Ukraine is expected to reject the proposal for a truce.", set()),
    ("Putin met Erdogan to discuss a ceasefire.", set()),
    ("The ceasefire collapsed within hours.", set()),
    ("Neutrality was on the agenda, Peskov said.", set()),
    ("The question of Crimea was not raised, Medinsky said.", set()),
    ("Moscow and Kyiv exchanged prisoners on Friday.", set()),
    ("Analysts say a ceasefire is unlikely before winter.", set()),
    ("The Russian side handed over its draft on security guarantees.", set()),
    ("Ukraine's NATO bid was the main topic of the meeting.", set()),
    ("Journalists asked Peskov if Moscow would accept European peacekeepers.", set()),
    ("A Ukrainian soldier was killed near Donetsk.", set()),
    ("Russia shelled Ukrainian positions despite the truce.", set()),
    ("The EU is debating a new sanctions package.", set()),
    ("Zelensky arrived in Brussels for talks on EU membership.", set()),
    ("Russian troops still occupy parts of the Donetsk region.", set()),
    ("Lavrov said Kyiv must withdraw from Donbas.", {("Russia", "donbas", "support")}),
    ("Lavrov said Ukraine must remain neutral.", {("Russia", "neutrality", "support")}),
    ('"Ukraine must remain neutral," Lavrov said.', {("Russia", "neutrality", "support")}),
    ("Zelensky said sanctions must stay until Russia pays.", {("Ukraine", "sanctions", "support")}),
    ("Macron said a ceasefire must come first.", {("France", "ceasefire", "support")}),
    (
        "Merz said borders must not be changed by force.",
        {("Germany", "territorial_integrity", "support")},
    ),
    (
        "Starmer said Ukraine should get security guarantees.",
        {("United Kingdom", "security_guarantees", "support")},
    ),
    ('"There must be a ceasefire," Macron said.', {("France", "ceasefire", "support")}),
    ('"Crimea is Russia," Peskov said.', {("Russia", "crimea", "support")}),
    ('"Crimea is Ukraine," Zelensky said.', {("Ukraine", "crimea", "oppose")}),
    ('"We need a ceasefire now," Zelensky said.', {("Ukraine", "ceasefire", "support")}),
    (
        '"We will not give up our land," Zelensky said.',
        {("Ukraine", "territorial_integrity", "support")},
    ),
    (
        '"Sanctions should be tightened," the German chancellor said.',
        {("Germany", "sanctions", "support")},
    ),
    ('"The sanctions must be lifted," Lavrov said.', {("Russia", "sanctions", "oppose")}),
    ('"It is time for a ceasefire," Erdogan said.', {("Turkey", "ceasefire", "support")}),
    ('"A ceasefire is the first step," Macron said.', {("France", "ceasefire", "support")}),
    (
        '"There will be no NATO troops in Ukraine," Peskov said.',
        {("Russia", "foreign_bases", "oppose")},
    ),
    ('"NATO membership is off the agenda," Hegseth said.', {("United States", "nato", "oppose")}),
    ("Lavrov said a ceasefire would be a mistake.", {("Russia", "ceasefire", "oppose")}),
    ("Zelensky called the Russian demands an ultimatum.", set()),
    (
        "Zelensky called Russia's demand for Donbas an ultimatum.",
        {("Russia", "donbas", "support"), ("Ukraine", "donbas", "oppose")},
    ),
    (
        "Erdogan offered to host a meeting between Putin and Zelensky.",
        {("Turkey", "leaders_meeting", "support")},
    ),
    (
        "Zelensky said he was ready to meet Putin in any format.",
        {("Ukraine", "leaders_meeting", "support")},
    ),
    (
        "Putin is not ready to meet Zelensky, Peskov said.",
        {("Russia", "leaders_meeting", "oppose")},
    ),
    ("The Kremlin said there were no plans for a Putin-Zelensky meeting.", set()),
    (
        "The Russian side stressed the need for Ukraine's neutral status.",
        {("Russia", "neutrality", "support")},
    ),
    (
        "Putin and Trump agreed that a ceasefire should start with energy infrastructure.",
        {("Russia", "ceasefire", "support"), ("United States", "ceasefire", "support")},
    ),
    (
        "Beijing reiterated its call for a ceasefire and peace talks.",
        {("China", "ceasefire", "support")},
    ),
    (
        "Ukraine's chief negotiator said Kyiv would insist on a full withdrawal of "
        "Russian troops and on security guarantees.",
        {("Ukraine", "security_guarantees", "support")},
    ),
    (
        "The Ukrainian side, he added, is ready to discuss the status of Crimea separately.",
        set(),
    ),
    (
        "Moscow has made clear it wants Kyiv to abandon its NATO bid.",
        {("Russia", "nato", "oppose")},
    ),
    (
        "Russia continues to insist that any deal recognise its annexation of Crimea.",
        {("Russia", "crimea", "support")},
    ),
    (
        "Kyiv, for its part, rejects any settlement that would cede territory.",
        {("Ukraine", "territorial_integrity", "support")},
    ),
    (
        "Ukraine says it will not trade territory for peace.",
        {("Ukraine", "territorial_integrity", "support")},
    ),
    (
        "Germany's foreign minister said Berlin would not support a ceasefire that "
        "rewarded aggression.",
        {("Germany", "ceasefire", "oppose")},
    ),
    (
        "Italy's prime minister said Rome favoured tougher sanctions on Russia.",
        {("Italy", "sanctions", "support")},
    ),
    (
        "Zelensky urged Western leaders to impose more sanctions on Russia.",
        {("Ukraine", "sanctions", "support")},
    ),
    (
        "Moscow demands an end to Western arms supplies and the lifting of sanctions.",
        {("Russia", "sanctions", "oppose")},
    ),
    (
        "Kyiv wants the sanctions to remain until Russia withdraws.",
        {("Ukraine", "sanctions", "support")},
    ),
    (
        "Trump wants to meet Putin soon, the White House said.",
        {("United States", "leaders_meeting", "support")},
    ),
    (
        "Zelensky proposed a trilateral meeting with Trump and Putin.",
        {("Ukraine", "leaders_meeting", "support")},
    ),
    ("Putin declined to meet Zelensky in Istanbul.", {("Russia", "leaders_meeting", "oppose")}),
    ("Ukrainian officials dismissed the Russian memorandum as an ultimatum.", set()),
    (
        "Moscow's memorandum calls for Ukraine to withdraw from four regions and to stay "
        "out of NATO.",
        {("Russia", "nato", "oppose"), ("Russia", "territorial_integrity", "oppose")},
    ),
    (
        "The Russian proposal would require Ukraine to limit the size of its army.",
        {("Russia", "demilitarization", "support")},
    ),
    (
        "Turkey said it supported Ukraine's territorial integrity.",
        {("Turkey", "territorial_integrity", "support")},
    ),
    (
        "Hungary threatened to veto Ukraine's EU accession.",
        {("Hungary", "eu_membership", "oppose")},
    ),
    ("Brussels opened accession negotiations with Kyiv.", set()),
    ("Kyiv hopes to become an EU member by 2030.", {("Ukraine", "eu_membership", "support")}),
    ("France is considering sending troops to Ukraine.", set()),
    ("Poland ruled out sending its soldiers to Ukraine.", {("Poland", "foreign_bases", "oppose")}),
    (
        "Moscow warned that any Western troops in Ukraine would be legitimate targets.",
        {("Russia", "foreign_bases", "oppose")},
    ),
    (
        "Russia will regard any foreign troops in Ukraine as a threat.",
        {("Russia", "foreign_bases", "oppose")},
    ),
    (
        "Peskov said Russia categorically rejects the deployment of European peacekeepers.",
        {("Russia", "foreign_bases", "oppose")},
    ),
    (
        "Britain leads a coalition of the willing ready to deploy a reassurance force.",
        {("United Kingdom", "foreign_bases", "support")},
    ),
    (
        "Moscow wants guarantees that Ukraine will stay non-nuclear.",
        {("Russia", "nuclear_status", "support")},
    ),
    (
        "Lavrov said Russia insisted on the demilitarisation and denazification of Ukraine.",
        {("Russia", "demilitarization", "support")},
    ),
    ("Kyiv categorically refused to limit its army.", {("Ukraine", "demilitarization", "oppose")}),
    ("The plan caps the Ukrainian army at 600,000 troops.", set()),
    (
        "Russia recognised Donetsk and Luhansk as independent states.",
        {("Russia", "donbas", "support")},
    ),
    ("Kyiv said the people's republics were illegitimate.", {("Ukraine", "donbas", "oppose")}),
    (
        "Moscow demands that Ukraine recognise the annexation of four regions.",
        {("Russia", "territorial_integrity", "oppose")},
    ),
    ("Ukraine must remain neutral.", set()),
    ("Analysts said there will be a ceasefire soon.", set()),
    ("Peskov said there will be a ceasefire soon.", set()),
    ("Zelensky asked whether Ukraine must remain neutral.", set()),
    ("Crimea is a peninsula in the Black Sea.", set()),
    ("Peskov said there was no ceasefire yet.", set()),
    ("If Kyiv must withdraw from Donbas, the talks will fail, Zelensky said.", set()),
    ("For years, Moscow has demanded a neutral Ukraine.", {("Russia", "neutrality", "support")}),
    ("For Ukraine, the talks on a ceasefire are a test.", set()),
    ("The summit was a mistake, analysts said.", set()),
    ("Reporters asked if there would be no NATO troops in Ukraine.", set()),
    ('"Crimea is beautiful in spring," Peskov said.', set()),
    ("Lavrov said Kyiv must stop shelling civilians.", set()),
    ("The Kremlin said the sanctions were a mistake.", {("Russia", "sanctions", "oppose")}),
    (
        "The U.S. draft calls for Ukraine to cede the rest of Donbas to Russia.",
        {("United States", "donbas", "support")},
    ),
    (
        "The US-drafted plan was handed to Kyiv on Thursday. Under the plan, Kyiv would "
        "have to cap its army at 600,000 troops.",
        {("United States", "demilitarization", "support")},
    ),
    (
        "Washington's 28-point plan was leaked on Friday. It would bar Ukraine from joining NATO.",
        {("United States", "nato", "oppose")},
    ),
    (
        "The American proposal would see sanctions on Russia lifted in stages.",
        {("United States", "sanctions", "oppose")},
    ),
    (
        "According to the draft drawn up by Witkoff, Crimea would be recognised as de "
        "facto Russian.",
        {("United States", "crimea", "support")},
    ),
    (
        "The European counter-proposal drops the cap on Ukraine's army.",
        {("European Union", "demilitarization", "oppose")},
    ),
    ("The European counter-proposal would allow Ukraine to keep an army of 800,000.", set()),
    (
        "Zelensky's peace formula demands the withdrawal of all Russian troops from Ukraine.",
        {("Ukraine", "territorial_integrity", "support")},
    ),
    (
        "Putin set out his conditions: Ukraine must withdraw from the four regions and "
        "renounce NATO membership.",
        {("Russia", "nato", "oppose"), ("Russia", "territorial_integrity", "oppose")},
    ),
    (
        "Putin said Russia would order a ceasefire as soon as Kyiv withdrew its troops "
        "from the four regions.",
        {("Russia", "ceasefire", "support"), ("Russia", "territorial_integrity", "oppose")},
    ),
    ("Kyiv dismissed the offer as an ultimatum.", set()),
    (
        "Russia's terms include the lifting of Western sanctions.",
        {("Russia", "sanctions", "oppose")},
    ),
    ("Moscow has long demanded that the West stop arming Ukraine.", set()),
    ("The Kremlin said it would study the proposal.", set()),
    (
        "Ukraine and its European allies insist that the current front line be the "
        "starting point for talks.",
        set(),
    ),
    (
        "Zelensky said Ukraine would not withdraw from the Donbas.",
        {("Ukraine", "donbas", "oppose")},
    ),
    (
        "Zelensky said Ukraine would not withdraw its troops from Donbas.",
        {("Ukraine", "donbas", "oppose")},
    ),
    (
        "Kyiv has refused to pull its forces out of the parts of Donetsk it still holds.",
        {("Ukraine", "donbas", "oppose")},
    ),
    ("Ukraine is ready to freeze the conflict along the current line of contact.", set()),
    (
        "The Europeans want no restrictions on Ukraine's armed forces.",
        {("European Union", "demilitarization", "oppose")},
    ),
    (
        "Russia says it will not accept troops from NATO countries in Ukraine under any flag.",
        {("Russia", "foreign_bases", "oppose")},
    ),
    ("Dmitriev said sanctions relief was part of the discussions.", set()),
    (
        "Witkoff said the US would offer Article 5-like guarantees.",
        {("United States", "security_guarantees", "support")},
    ),
    (
        "Trump said he would not send American troops to Ukraine.",
        {("United States", "foreign_bases", "oppose")},
    ),
    (
        "Rubio said Ukraine would have to make concessions on territory.",
        {("United States", "territorial_integrity", "oppose")},
    ),
    ("Zelensky said Ukraine could not give up land it does not control.", set()),
    ("Vance said the war would end with territorial concessions from both sides.", set()),
    # documents, conditions, coordination (round 2)
    (
        "The US-drafted plan was handed to Kyiv on Thursday. Under the plan, Kyiv would "
        "have to cap its army at 600,000 troops.",
        {("United States", "demilitarization", "support")},
    ),
    (
        "Washington's 28-point plan was leaked on Friday. It would bar Ukraine from joining NATO.",
        {("United States", "nato", "oppose")},
    ),
    (
        "The European counter-proposal drops the cap on Ukraine's army.",
        {("European Union", "demilitarization", "oppose")},
    ),
    (
        "Zelensky's peace formula demands the withdrawal of all Russian troops from Ukraine.",
        {("Ukraine", "territorial_integrity", "support")},
    ),
    (
        "Russia's terms include the lifting of Western sanctions.",
        {("Russia", "sanctions", "oppose")},
    ),
    (
        "Kyiv has refused to pull its forces out of the parts of Donetsk it still holds.",
        {("Ukraine", "donbas", "oppose")},
    ),
    (
        "Putin said Russia would order a ceasefire as soon as Kyiv withdrew its troops "
        "from the four regions.",
        {("Russia", "ceasefire", "support"), ("Russia", "territorial_integrity", "oppose")},
    ),
    (
        "Rubio said Ukraine would have to make concessions on territory.",
        {("United States", "territorial_integrity", "oppose")},
    ),
    (
        'Zelensky said Kyiv would "never" recognise the occupation of Crimea and would '
        "not give up the Donbas.",
        {("Ukraine", "crimea", "oppose"), ("Ukraine", "donbas", "oppose")},
    ),
    (
        "Lavrov said Moscow considered any NATO contingents in Ukraine unacceptable.",
        {("Russia", "foreign_bases", "oppose")},
    ),
    (
        "Lavrov said the recognition of new territorial realities was an indispensable condition.",
        {("Russia", "territorial_integrity", "oppose")},
    ),
    (
        "European leaders – including the British prime minister and NATO's secretary "
        "general – pressed for a ceasefire.",
        {("European Union", "ceasefire", "support")},
    ),
    ("China supports de-escalation as soon as possible.", {("China", "ceasefire", "support")}),
    (
        "The White House says sanctions aren't going anywhere.",
        {("United States", "sanctions", "support")},
    ),
    (
        "Ushakov said a summit between Putin and Trump had to be well prepared.",
        {("Russia", "leaders_meeting", "support")},
    ),
    ("Ukraine must withdraw from Donbas.", set()),
    ("Putin set out his terms: Ukraine must leave the Donbas.", {("Russia", "donbas", "support")}),
    (
        "Russia's chief negotiator, Vladimir Medinsky, told reporters after the "
        "five-hour session that Moscow still insisted on Ukraine's neutral status.",
        {("Russia", "neutrality", "support")},
    ),
    (
        "Kyiv, which has repeatedly said it will not give up any territory, on Tuesday "
        "rejected the Russian demand for the whole of Donbas.",
        {
            ("Russia", "donbas", "support"),
            ("Ukraine", "donbas", "oppose"),
            ("Ukraine", "territorial_integrity", "support"),
        },
    ),
    (
        "Speaking at a news conference in Brussels on Wednesday, NATO Secretary General "
        "Mark Rutte said the alliance's door remained open to Ukraine.",
        {("NATO", "nato", "support")},
    ),
    (
        "In a phone call with Putin on Tuesday, Trump proposed a 30-day ceasefire on "
        "energy infrastructure, the White House said.",
        {("United States", "ceasefire", "support")},
    ),
    (
        "Zelensky, who met European leaders in London on Sunday, said Ukraine was ready "
        "to sign a ceasefire agreement as soon as Russia agreed to one.",
        {("Ukraine", "ceasefire", "support")},
    ),
    (
        "The Kremlin on Friday again rejected the idea of European peacekeepers being "
        "deployed in Ukraine after a ceasefire.",
        {("Russia", "foreign_bases", "oppose")},
    ),
    (
        "After hours of talks in Riyadh, the Russian delegation said Moscow was prepared "
        "to consider a limited truce in the Black Sea.",
        set(),
    ),
    (
        "Germany's new chancellor, Friedrich Merz, has said Berlin is prepared to "
        "provide security guarantees to Ukraine as part of a European coalition.",
        {("Germany", "security_guarantees", "support")},
    ),
    (
        "Ukrainian Foreign Minister Andrii Sybiha wrote on X that Kyiv had accepted the "
        "US proposal for an immediate 30-day ceasefire and was waiting for Moscow's "
        "answer.",
        {("Ukraine", "ceasefire", "support"), ("United States", "ceasefire", "support")},
    ),
    (
        "Putin, speaking at a press conference in Moscow alongside the Belarusian "
        "leader, said Russia agreed with the proposals to cease hostilities, but the "
        "ceasefire should lead to lasting peace.",
        {("Russia", "ceasefire", "support")},
    ),
    (
        "The Russian Foreign Ministry said in a statement that the deployment of troops "
        "from NATO countries in Ukraine under any flag was absolutely unacceptable to "
        "Moscow.",
        {("Russia", "foreign_bases", "oppose")},
    ),
    (
        "Despite pressure from Washington, Kyiv has so far refused to withdraw its "
        "forces from the parts of the Donetsk region it controls.",
        {("Ukraine", "donbas", "oppose")},
    ),
    (
        "Erdogan, who has positioned himself as a mediator, reiterated Turkey's "
        "readiness to host direct talks between Putin and Zelensky.",
        {("Turkey", "leaders_meeting", "support")},
    ),
    (
        "Beijing, which has refused to condemn the invasion, called for respect for the "
        "sovereignty and territorial integrity of all countries.",
        {("China", "territorial_integrity", "support")},
    ),
    (
        "The European Union agreed on Friday to extend its economic sanctions against "
        "Russia for another six months, diplomats said.",
        {("European Union", "sanctions", "support")},
    ),
    (
        "Moscow has long demanded the lifting of restrictions on its agricultural "
        "exports as a condition for reviving the Black Sea deal.",
        set(),
    ),
    (
        "Hungary's Viktor Orban has threatened to block the renewal of EU sanctions on Russia.",
        {("Hungary", "sanctions", "oppose")},
    ),
    (
        "Zelensky also signed a decree formally ruling out any negotiations with Putin.",
        {("Ukraine", "leaders_meeting", "oppose")},
    ),
    (
        "Ukraine's parliament voted to enshrine the goal of NATO membership in the constitution.",
        {("Ukraine", "nato", "support")},
    ),
    (
        "Moscow, for its part, has made the recognition of Crimea as Russian territory a "
        "precondition for any settlement.",
        {("Russia", "crimea", "support")},
    ),
    (
        "Peskov said the Kremlin had taken note of Zelensky's proposal for a ceasefire "
        "but believed it was not serious.",
        {("Ukraine", "ceasefire", "support")},
    ),
    (
        "The Ukrainian president has repeatedly rejected any deal that would require "
        "Kyiv to give up land.",
        {("Ukraine", "territorial_integrity", "support")},
    ),
    (
        "Ushakov said that the question of a meeting between the two presidents was not "
        "yet on the agenda.",
        set(),
    ),
    (
        "Sources familiar with the talks said Washington was pressing Kyiv to accept a "
        "freeze along the current front line.",
        set(),
    ),
    (
        "European diplomats said the bloc would keep its sanctions in place until Russia "
        "ended the war.",
        {("European Union", "sanctions", "support")},
    ),
    (
        "Macron, who spoke to Putin for two hours on Tuesday, told him France wanted an "
        "immediate ceasefire.",
        {("France", "ceasefire", "support")},
    ),
    (
        "Russian officials have insisted that any settlement must take into account the "
        '"new realities on the ground", a euphemism for the occupied regions.',
        {("Russia", "territorial_integrity", "oppose")},
    ),
    (
        "Trump, asked whether he would lift sanctions on Russia, said he was not "
        "considering it at the moment.",
        set(),
    ),
    (
        "Ukraine will continue to seek membership of NATO, Zelensky's chief of staff said.",
        {("Ukraine", "nato", "support")},
    ),
    (
        "Medinsky said Russia's demands, including Ukraine's neutrality and the "
        "recognition of Crimea, remained unchanged.",
        {("Russia", "crimea", "support"), ("Russia", "neutrality", "support")},
    ),
    (
        "Russia wants to keep Crimea and the four regions it annexed, while Ukraine "
        "wants all of its territory back.",
        {
            ("Russia", "crimea", "support"),
            ("Russia", "territorial_integrity", "oppose"),
            ("Ukraine", "territorial_integrity", "support"),
        },
    ),
    (
        "The Kremlin signalled that it could agree to a truce if Kyiv stopped mobilisation.",
        {("Russia", "ceasefire", "support")},
    ),
    (
        "Putin has repeatedly said he sees NATO's expansion as an existential threat.",
        {("Russia", "nato", "oppose")},
    ),
    (
        "The Russian delegation proposed a ceasefire of two to three days in certain "
        "areas of the front.",
        {("Russia", "ceasefire", "support")},
    ),
    (
        "Ukraine insists that any peace agreement must include guarantees backed by its "
        "Western partners.",
        {("Ukraine", "security_guarantees", "support")},
    ),
    (
        "Turkish President Recep Tayyip Erdogan repeated his offer to mediate and called "
        "on both sides to declare a ceasefire.",
        {("Turkey", "ceasefire", "support")},
    ),
    # lists, coordination, possessive holders, asides (round 3)
    (
        "Podolyak said: «Our position is unchanged: a ceasefire, the withdrawal of "
        "Russian troops and security guarantees».",
        {("Ukraine", "ceasefire", "support"), ("Ukraine", "security_guarantees", "support")},
    ),
    (
        "The Kremlin said that President Vladimir Putin and US President Donald Trump "
        "had agreed to a 30-day pause in strikes.",
        {("Russia", "ceasefire", "support"), ("United States", "ceasefire", "support")},
    ),
    (
        "Wang Yi said the sovereignty and territorial integrity of all countries should "
        "be respected.",
        {("China", "territorial_integrity", "support")},
    ),
    (
        "Moscow wants a neutral, non-nuclear Ukraine.",
        {("Russia", "neutrality", "support"), ("Russia", "nuclear_status", "support")},
    ),
    (
        "Russia wants to keep Crimea and the four regions it annexed, while Ukraine "
        "wants all of its territory back.",
        {
            ("Russia", "crimea", "support"),
            ("Russia", "territorial_integrity", "oppose"),
            ("Ukraine", "territorial_integrity", "support"),
        },
    ),
    (
        "Peskov said the Kremlin had taken note of Zelensky's proposal for a ceasefire.",
        {("Ukraine", "ceasefire", "support")},
    ),
    (
        "According to Podolyak, Kyiv «will not trade its territories».",
        {("Ukraine", "territorial_integrity", "support")},
    ),
    (
        "Beijing, which has refused to condemn the invasion, called for respect for the "
        "territorial integrity of all countries.",
        {("China", "territorial_integrity", "support")},
    ),
    (
        "The Russian Foreign Ministry said the deployment of troops from NATO countries "
        "in Ukraine under any flag was absolutely unacceptable to Moscow.",
        {("Russia", "foreign_bases", "oppose")},
    ),
    (
        "NATO Secretary General Mark Rutte said the alliance's door remained open to Ukraine.",
        {("NATO", "nato", "support")},
    ),
    (
        "Putin said Russia agreed with the proposals to cease hostilities.",
        {("Russia", "ceasefire", "support")},
    ),
    (
        "Despite pressure from Washington, Kyiv has so far refused to withdraw its "
        "forces from the parts of the Donetsk region it controls.",
        {("Ukraine", "donbas", "oppose")},
    ),
    (
        "The Kremlin on Friday again rejected the idea of European peacekeepers being "
        "deployed in Ukraine after a ceasefire.",
        {("Russia", "foreign_bases", "oppose")},
    ),
    (
        "Kyiv, which has repeatedly said it will not give up any territory, on Tuesday "
        "rejected the Russian demand for the whole of Donbas.",
        {
            ("Russia", "donbas", "support"),
            ("Ukraine", "donbas", "oppose"),
            ("Ukraine", "territorial_integrity", "support"),
        },
    ),
    ("The Kremlin is ready to meet after a ceasefire.", {("Russia", "ceasefire", "support")}),
    # articles of 2022 and 2025 (round 4)
    (
        "Kyiv is seeking Article 5-style guarantees from the United States.",
        {("Ukraine", "security_guarantees", "support")},
    ),
    (
        'Washington offered Kyiv "Article 5-like" protection as part of the deal.',
        {("United States", "security_guarantees", "support")},
    ),
    (
        "The coalition of the willing has pledged to deploy a multinational force in "
        "Ukraine once a ceasefire is reached.",
        set(),
    ),
    (
        "France and Britain have pledged to deploy a multinational force in Ukraine once "
        "a ceasefire is reached.",
        {
            ("France", "ceasefire", "support"),
            ("France", "foreign_bases", "support"),
            ("United Kingdom", "ceasefire", "support"),
            ("United Kingdom", "foreign_bases", "support"),
        },
    ),
    (
        "Russia has repeatedly said it would not accept the presence of troops from NATO "
        "member states in Ukraine.",
        {("Russia", "foreign_bases", "oppose")},
    ),
    (
        "Moscow considers Ukraine's membership in NATO a direct threat to its security.",
        {("Russia", "nato", "oppose")},
    ),
    (
        "The Ukrainian side proposed that Ukraine adopt a neutral status in exchange for "
        "security guarantees.",
        {("Ukraine", "neutrality", "support"), ("Ukraine", "security_guarantees", "support")},
    ),
    (
        "Under the Ukrainian proposals, guarantor countries including the UK, China, the "
        "US, Turkey and France would provide security guarantees.",
        {("Ukraine", "security_guarantees", "support")},
    ),
    (
        "Ukraine would not join military alliances or host foreign military bases, "
        "Kyiv's negotiators said.",
        {("Ukraine", "foreign_bases", "oppose"), ("Ukraine", "nato", "oppose")},
    ),
    ("Medinsky said Ukraine's proposals would be reported to Putin.", set()),
    (
        "Russia said it would drastically scale down military activity near Kyiv and Chernihiv.",
        set(),
    ),
    ("Bennett urged Zelensky to accept Putin's offer.", set()),
    (
        "Zelensky said Ukraine was ready to discuss the adoption of neutral status as "
        "part of a peace deal.",
        set(),
    ),
    (
        "Zelensky said Ukraine was ready to adopt neutral status as part of a peace deal.",
        {("Ukraine", "neutrality", "support")},
    ),
    (
        "Kyiv proposed that the status of Crimea be settled through talks over 15 years.",
        set(),
    ),
    ("Dmitriev said the lifting of some sanctions could be discussed.", set()),
    (
        "Putin said Russia was not against a ceasefire in principle.",
        {("Russia", "ceasefire", "support")},
    ),
    (
        "Orban said Hungary would not support Ukraine's accession to the EU.",
        {("Hungary", "eu_membership", "oppose")},
    ),
    (
        "Brussels wants the accession of Ukraine to the EU as part of any settlement.",
        {("European Union", "eu_membership", "support")},
    ),
    (
        "The Kremlin does not object to Ukraine's EU membership, Peskov said.",
        {("Russia", "eu_membership", "support")},
    ),
    (
        "Kallas said the EU would not lift sanctions until Russia pays for the damage.",
        {("European Union", "sanctions", "support")},
    ),
    (
        "Lavrov said that Western security guarantees for Kyiv were unacceptable.",
        {("Russia", "security_guarantees", "oppose")},
    ),
    ("Kyiv's delegation said the question of a ceasefire would be discussed later.", set()),
    (
        "Lavrov said the withdrawal of troops from the territory of Ukraine was out of "
        "the question.",
        {("Russia", "territorial_integrity", "oppose")},
    ),
    (
        'European leaders said international borders "must not be changed by force".',
        {("European Union", "territorial_integrity", "support")},
    ),
    (
        "Lavrov said any contacts at the top level had to be prepared step by step.",
        {("Russia", "leaders_meeting", "support")},
    ),
    # talks with a party about a topic are only talks
    ("Kyiv is ready to hold talks with Moscow on a ceasefire.", set()),
    ("Putin said Russia was open to talks on a ceasefire.", set()),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:60] for c in CASES])
def test_paraphrase_gives_exactly_its_positions(
    text: str, expected: set[Triple], lexicon: Lexicon
) -> None:
    assert triples(text, lexicon) == expected


EXPLAINER = """What each side wants

Russia:
- recognition of Crimea as Russian
- the lifting of Western sanctions

Ukraine:
- an immediate ceasefire
- no limits on its army
"""


def test_a_party_name_heading_a_list_holds_its_items(lexicon: Lexicon) -> None:
    assert triples(EXPLAINER, lexicon) == {
        ("Russia", "crimea", "support"),
        ("Russia", "sanctions", "oppose"),
        ("Ukraine", "ceasefire", "support"),
        ("Ukraine", "demilitarization", "oppose"),
    }


def test_a_party_name_with_more_words_before_a_colon_holds_nothing(lexicon: Lexicon) -> None:
    text = "Shelling went on near the border of Russia:\n- a ceasefire collapsed\n"
    assert triples(text, lexicon) == set()
