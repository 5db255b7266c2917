"""Several speakers for one statement: one quote per named speaker or author party.

GUIDELINES ("Several speakers for one statement", "Joint statements"): "the
ministers, Tamm and Kowalski, told …" gives one quote per named person; "Warsaw
together with the leaders of Tallinn and Riga said …" one per party; a joint
document ("a joint Polish-Finnish statement said …", "in a joint statement, the
two delegations said …" when the subject names nobody, and later "the statement
said") one per author party.
A "they said" right after such a group speaks for the same group. Direct and
indirect quotes go through the same fan-out, so both kinds name the same people.
"""

from __future__ import annotations

from talks.extract.doc_authors import JOINT_DOCUMENTS
from talks.extract.document import Doc, Draft
from talks.extract.frames import ADJUNCT_STARTS, Frame, Speaker
from talks.extract.phrases import Phrase
from talks.extract.tokens import CAP, CUEW, GNOUN, Tokens

# words that make the stretch between a subject and its cue more than an apposition
# of names ("X, after speaking with A and B, said", "X, who led A and B, said")
_NOT_APPOSITION = ADJUNCT_STARTS | frozenset(("who", "which", "whose"))
# separators of coordinated subjects, read backwards from the later member
_SEPARATORS = (("together", "with"), ("along", "with"), ("as", "well", "as"), ("and",), (",",))
_SEPARATOR_ENDS = frozenset(words[-1] for words in _SEPARATORS)
_MEMBER_KINDS = frozenset({"party", "group", "name", "person"})
# words before a phrase that make it an object, not a member of a coordinated subject
_OBJECT_LEADS = ADJUNCT_STARTS | frozenset("including of against between among like".split())
_THEY_REACH = 2  # sentences after a group within which "they said" still means it


def fan_out(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    """The drafts with one copy per speaker where a statement has several (in order)."""
    out: list[Draft] = []
    groups: dict[int, list[Speaker]] = {}  # id of a fanned-out speaker -> its members
    # (sentence, members, whether a joint document) of the last group
    last: tuple[int, list[Speaker], bool] | None = None
    for d in drafts:
        f = d.frame
        if f is None:  # a quote going on after its attribution: the same speakers
            members = groups.get(id(d.speaker))
            out += [_as(d, sp) for sp in members] if members else [d]
            continue
        members = _speakers(doc, f, last)
        if members and last is not None and members is last[1]:  # "they said": its mention
            sp = d.speaker
            members = [Speaker(m.name, m.side, sp.mention, sp.start, sp.end, m.entity, m.kind)
                       for m in members]  # fmt: skip
        if len(members) < 2:
            out.append(d)
            continue
        groups[id(d.speaker)] = members
        last = (f.sentence, members, all(sp.kind == "party" for sp in members))
        out += [_as(d, sp) for sp in members]
    return out


def _speakers(doc: Doc, f: Frame, last: tuple[int, list[Speaker], bool] | None) -> list[Speaker]:
    while f.subject is None and f.parent is not None:
        f = f.parent  # "…, adding that …": the subject of the clause it continues
    p = f.subject if f.relay is None else None
    if p is None:
        return []
    if p.kind == "pronoun":
        word = doc.tk.low[p.head]
        sp = f.speaker
        if word == "it" and sp is not None and sp.kind != "pronoun":
            # "…, it noted" after "the statement said" (`document.read`): that document
            tk = doc.tk
            head = tk.index(sp.end) - 1
            authors = _joint_authors(doc, head, tk.index(sp.start))
            if len(authors) >= 2:
                return [Speaker(n, n, sp.mention, sp.start, sp.end, None, "party") for n in authors]
        if last is None or not 0 <= f.sentence - last[0] <= _THEY_REACH:
            return []
        if word == "they" or (word == "it" and last[2]):  # "it noted": the joint statement
            return last[1]
        return []
    if not p.plural and p.kind not in ("party", "group"):
        # (no joint document and no coordinated parties: most subjects, "Zelensky said")
        head_word = doc.tk.low[p.head]
        if head_word not in JOINT_DOCUMENTS and head_word not in doc.tk.vocab.words.get(
            "document_subjects", ()
        ):
            return _people(doc, f, p)
    return _joint(doc, f, p) or _coordinated(doc, f, p) or _people(doc, f, p)


def _joint(doc: Doc, f: Frame, p: Phrase) -> list[Speaker]:
    """The authors of a joint document that is the subject ("a joint statement said",
    "the statement said" after one) or that the sentence names for a plural subject
    ("In a joint statement, the two delegations said …")."""
    tk = doc.tk
    authors = _joint_authors(doc, p.head, p.start)
    if not authors and p.plural and _unnamed(tk, p):
        lo, hi = doc.sent_bounds[f.sentence]
        authors = doc.tracker.documents.joint_in(lo, hi)
    if len(authors) < 2:
        return []
    mention = tk.span_text(p.start, p.end)
    a, b = tk.starts[p.start], tk.ends[p.end]
    return [Speaker(n, n, mention, a, b, None, "party") for n in authors]


def _joint_authors(doc: Doc, head: int, start: int) -> tuple[str, ...]:
    """`DocumentAuthors.joint_authors`, asked only when token `head` is a document noun
    (no other has authors): most subjects are not, and most articles then never need
    their documents read."""
    low = doc.tk.low[head]
    if low not in JOINT_DOCUMENTS and low not in doc.tk.vocab.words.get("document_subjects", ()):
        return ()
    return doc.tracker.documents.joint_authors(head, start)


def _unnamed(tk: Tokens, p: Phrase) -> bool:
    """A plural subject that names nobody: "the two delegations", "both sides"."""
    return all(
        tk.low[k] in ("the", "two", "both", "three") or (k == p.head and not tk.flags[k] & CAP)
        for k in range(p.start, p.end + 1)
    )


def _coordinated(doc: Doc, f: Frame, p: Phrase) -> list[Speaker]:
    """Parties and bodies named together as one subject: "Warsaw and Tallinn said",
    "European leaders together with the leaders of Canada and Japan said"."""
    members = _members(doc, f, p)
    if len(members) < 2:
        return []
    out: list[Speaker] = []
    seen: set[str] = set()
    for m in reversed(members):
        sp = _party_speaker(doc, m)
        if sp is not None and sp.name not in seen:
            seen.add(sp.name)
            out.append(sp)
    return out


def subject_start(doc: Doc, f: Frame) -> int:
    """The first token of the frame's subject with the parties coordinated with it
    ("Poland, Finland and Estonia said"), else the frame's own start."""
    p = f.subject
    if p is None or p.kind == "pronoun":
        return f.start
    members = _members(doc, f, p)
    return min(f.start, members[-1].start) if len(members) > 1 else f.start


def _members(doc: Doc, f: Frame, p: Phrase) -> list[Phrase]:
    """The subject and the phrases coordinated before it, latest first."""
    tk = doc.tk
    if f.inverted or p.end >= f.a or not (p.kind in ("party", "group") or p.plural):
        return []
    lo = doc.sent_bounds[f.sentence][0]
    members = [p]
    cur = p
    listed = False  # an "and"-like separator seen: a bare comma then lists too
    while True:
        j = _of_phrase_start(tk, cur.start, lo)  # "[the leaders of] Canada"
        sep = _separator(tk, j - 1, lo)
        if sep is None:
            break
        n, word = sep
        if word == "," and not listed:
            break  # "On Monday, Warsaw said": no list
        q = doc.reader.core_before(j - 1 - n, lo)
        if q is None or q.kind not in _MEMBER_KINDS or q.end != j - 1 - n:
            break
        if (
            q.start > lo
            and tk.low[q.start - 1] in _OBJECT_LEADS
            and _separator(tk, q.start - 1, lo) is None  # (not "together with")
        ):
            break  # "… guarantees by a group including China, and Moscow said": an object
        if q.kind == "name" or (q.kind == "person" and not q.plural):
            return []  # people: `_people` names them one by one
        listed = listed or word != ","
        members.append(q)
        cur = q
    return members


def _of_phrase_start(tk: Tokens, k: int, lo: int) -> int:
    """Start of "the leaders of" before a party at token k (else k)."""
    j = k - 1
    if j - 1 >= lo and tk.low[j] == "of" and tk.flags[j - 1] & GNOUN and not tk.poss[j - 1]:
        j -= 2
        if j >= lo and tk.low[j] in ("the", "their", "its"):
            j -= 1
        return j + 1
    return k


def _separator(tk: Tokens, j: int, lo: int) -> tuple[int, str] | None:
    """The coordinating words ending at token j: (their count, the first of them)."""
    if j < lo or tk.low[j] not in _SEPARATOR_ENDS:
        return None
    for words in _SEPARATORS:
        n = len(words)
        a = j - n + 1
        if a >= lo and tuple(tk.low[a : j + 1]) == words:
            if words == ("and",) and a - 1 >= lo and tk.words[a - 1] == ",":
                return n + 1, "and"  # "A, B, and C"
            return n, words[0]
    return None


def _party_speaker(doc: Doc, m: Phrase) -> Speaker | None:
    """A member of a coordinated subject as a speaker: a party by its name, a body by
    its wording ("European leaders")."""
    tk = doc.tk
    mention = tk.span_text(m.start, m.end)
    a, b = tk.starts[m.start], tk.ends[m.end]
    for k in range(m.start, m.end + 1):
        if k in tk.party and (m.kind == "party" or k > m.head):  # "the leaders of Canada"
            name = tk.party[k][0]
            return Speaker(name, name, mention, a, b, None, "party")
    side = tk.vocab.parties.side(mention)
    if side is None:
        return None
    words = mention.split()
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    wording = " ".join(words)
    ent = doc.tracker.unnamed(wording, side, "group", set())
    return Speaker(wording, side, mention, a, b, ent, m.kind)


def _people(doc: Doc, f: Frame, p: Phrase) -> list[Speaker]:
    """Named people in an apposition or a coordinated subject: "the ministers, Tamm and
    Kowalski, told …", "European leaders – including A, B and C – pressed for …"."""
    tk = doc.tk
    lo, hi = (p.start, f.a - 1) if not f.inverted else (p.start, p.end)
    if not (p.plural or "and" in tk.low[lo : hi + 1]) or any(
        tk.low[k] in _NOT_APPOSITION or tk.flags[k] & CUEW or tk.low[k].endswith("ing")
        for k in range(lo, hi + 1)
        if tk.low[k] != "including"
    ):  # an apposition of names, not "X, after speaking with A and B, said"
        return []
    people = []
    seen: set[int] = set()
    for pos, e in doc.tracker.people_at(tk.starts[lo], tk.starts[f.a]):
        if id(e) not in seen and not _modifier(doc, tk.index(pos)):
            seen.add(id(e))
            people.append(e)
    if len(people) < 2:
        return []
    mention = tk.span_text(lo, hi)
    return [Speaker(e.name, e.side, mention, tk.starts[lo], tk.ends[hi], e, "name") for e in people]


def _modifier(doc: Doc, k: int) -> bool:
    """Is the name at token k a modifier ("a Clinton supporter", "Tamm's adviser")?"""
    tk = doc.tk
    while k + 1 < tk.n and doc.reader.nameish(k + 1) and not tk.poss[k]:
        k += 1
    if tk.poss[k]:
        return True
    nxt = k + 1
    return (
        nxt < tk.n
        and tk.low[nxt] != "and"
        and tk.words[nxt][:1].islower()
        and not tk.flags[nxt] & CUEW
    )


def _as(d: Draft, speaker: Speaker) -> Draft:
    return Draft(
        d.kind, list(d.spans), speaker, d.frame, d.paragraph, list(d.chains), d.cue, speaker.name
    )
