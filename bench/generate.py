"""Generate the benchmark journals: a large innercritic journal and the same
dialogues as a jrnl 4.x plain-text journal.

    .venv/bin/python bench/generate.py --db bench/.cache/big.db --jrnl bench/.cache/big.txt

What is written (defaults):

* 10,000 dialogues holding exactly 200,000 turns, walked through the shipped
  flows (data/flows/*.toml, read with tomllib) the way a person would: the
  critic flow most of the time, the others now and then, reactive feelings
  that send the critic flow round its unblend loop, skipped questions,
  stopped and unfinished dialogues. Every turn has the role, prompt, answer,
  JSON value and skipped flag the app itself would save; each dialogue has
  critic_before / critic_after from its loudness steps.
* 3,000 check-ins (mood, critic loudness, most with a note).
* 6 named parts; about half the dialogues are linked to one, by the name
  typed at the part_name step.
* Timestamps spread over the three years before generation.
* RARE_WORD occurs in exactly one answer; COMMON_WORD occurs naturally in a
  large share of answers (the counts are returned and printed).

The jrnl journal holds one entry per dialogue (10,000 entries): the title is
the critic's words, the body the person's other answers, one paragraph each.
Only the person's words are copied (not the app's prompts), so both journals
hold the same writing.

Speed: the journal is created by ``innercritic.store.journal.Journal(path)``
(which builds the schema, FTS tables and triggers), then filled with raw
sqlite3 ``executemany`` in one transaction; the FTS triggers index the text
as it goes in. Deterministic for a given seed (only the dates depend on the
day it runs).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
import tomllib
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

try:  # the SQLite innercritic itself uses (sqlcipher3's where installed): one library per process
    from innercritic.store.driver import dbapi as sqlite3
except ImportError:
    import sqlite3

RARE_WORD = "marzipan"
COMMON_WORD = "enough"

DIALOGUES = 10_000
TURNS = 200_000
CHECKINS = 3_000
SEED = 20261123
YEARS = 3

PARTS = (
    ("The Taskmaster", "Keeps a list of everything I haven't done."),
    ("The Judge", "Weighs every word I say afterwards."),
    ("Little Perfectionist", "Young, anxious, wants everything just right."),
    ("The Coach", "Shouts from the sideline, means well."),
    ("The Worrier", "Always three steps ahead, imagining the worst."),
    ("Grey Cloud", None),
)

# Flow mix: the critic flow is the default and by far the most used.
FLOW_WEIGHTS = {"critic": 0.80, "kind-eyes": 0.06, "blocks": 0.05, "warm-up": 0.05, "reflect": 0.04}

# --------------------------------------------------------------------------- text

CONTEXTS = (
    "at work", "in the meeting", "with my manager", "after the presentation", "at my sister's wedding",
    "in the code review", "on the phone with Mum", "at the gym", "while writing the report",
    "during the exam", "on the date", "at dinner with friends", "when I opened my email",
    "in the interview", "while cooking for everyone", "at parents' evening", "on the train home",
    "with the kids this morning", "at the standup", "when the invoice came back", "in the group chat",
    "at the dentist", "after the football match", "when my friend cancelled", "at the supermarket",
    "while tidying the flat", "in the performance review", "at the family barbecue", "in my thesis meeting",
    "when the landlord called", "at choir practice", "on the first day of the course", "after the party",
    "when I saw the photos", "in the quarterly planning", "at the school gate", "while doing my taxes",
    "when my partner was quiet", "during the workshop", "at the job fair", "when the baby woke up again",
    "on my run", "in the lecture", "after the phone call with Dad", "when I got the feedback",
)
DETAILS = (
    "the spreadsheet", "the birthday card", "the garden", "my thesis", "the deadline", "the pull request",
    "the budget", "the slides", "the emails I never answered", "the laundry", "my portfolio", "the speech",
    "the application form", "the renovation", "my weight", "the grant proposal", "the dishes", "the blog post",
    "my driving test", "the piano piece", "the cover letter", "the project plan", "the recipe", "my novel",
    "the quarterly numbers", "the wedding toast", "the lesson plan", "the podcast episode", "my savings",
    "the sales call", "the bathroom tiles", "the marathon training", "the design mockups", "the essay",
)
PEOPLE = (
    "my manager", "my mother", "my father", "my sister", "my brother", "my partner", "my best friend",
    "the team", "my teacher", "my grandmother", "my colleagues", "the other parents", "my flatmate",
    "my coach", "the client", "my son", "my daughter", "everyone at school", "my old boss", "my aunt",
)
NEG_ADJ = (
    "lazy", "useless", "stupid", "pathetic", "slow", "boring", "selfish", "weak", "clumsy", "disorganised",
    "a fraud", "a disappointment", "too much", "too sensitive", "hopeless", "a mess", "unreliable",
    "ridiculous", "embarrassing", "naive", "arrogant", "fake", "careless", "a coward",
)
POS_ADJ = ("good", "smart", "strong", "calm", "successful", "organised", "kind", "brave", "talented", "thin",
           "interesting", "fast", "patient", "confident", "grown-up", "reliable")
FAILURES = (
    "forgot the attachment", "missed the deadline", "said something stupid", "went blank",
    "spoke too much", "didn't speak up", "burned the dinner", "lost my temper", "cried", "got it wrong again",
    "stayed in bed too long", "ate the whole packet", "skipped the workout", "laughed too loudly",
    "sent the wrong file", "stumbled over my words", "forgot her birthday", "didn't finish", "said yes again",
    "checked my phone all evening", "left it to the last minute", "asked a silly question",
)
BODY = (
    "my chest", "my jaw", "my shoulders", "my stomach", "my throat", "the back of my neck", "my forehead",
    "my hands", "my whole body", "behind my eyes", "my lower back", "my breathing",
)
SENSATIONS = (
    "a tight knot", "a heavy weight", "a buzzing", "heat", "a cold feeling", "pressure", "a sinking feeling",
    "a clenching", "shakiness", "a hollow ache", "a rush of thoughts", "numbness", "a fluttering",
)
TONES = (
    "sharp", "cold", "sarcastic", "tired", "loud", "flat", "impatient", "disappointed", "urgent", "mocking",
    "whispering", "stern", "exasperated", "quiet but relentless",
)
IMAGES = (
    "a headmaster with a red pen", "a drill sergeant", "a grey cloud", "a small child in a school uniform",
    "an old judge in a wig", "a coach with a stopwatch", "a crow on my shoulder", "a tired accountant",
    "a security guard", "my old piano teacher", "a storm", "a locked door", "a ticking clock",
    "a scarecrow", "a lighthouse keeper", "a wall of noise", "a tiny general",
)
AGES = ("about seven", "maybe twelve", "a teenager", "old, older than me", "about my age", "five or six",
        "ancient", "sixteen or so", "hard to say, young")
SINCE = (
    "since primary school", "since I was about ten", "since university", "since my first job",
    "since my parents split up", "since we moved countries", "since the accident", "as long as I remember",
    "since my brother was born", "since the exams at sixteen", "since I became a parent",
    "since the redundancy", "since the breakup", "since I started playing the violin",
)
WANTS = (
    "it wants me to be safe", "it wants me to be respected", "it wants me to succeed",
    "it wants me to belong", "it wants nobody to laugh at me", "it wants me to be loved",
    "it wants me to never be caught out", "it wants me to be ready for anything",
    "it wants me to have a good life", "it wants me to be taken seriously", "it wants me not to be hurt",
)
FEARS = (
    "that I would stop trying altogether", "that I'd end up alone", "that people would see who I really am",
    "that I would lose my job", "that I'd become lazy and fat", "that everything would fall apart",
    "that I would be rejected", "that I'd be like my father", "that I'd fail in front of everyone",
    "that nobody would need me", "that I would make a fool of myself", "that I'd never amount to anything",
    "that I would be laughed at", "that I'd let everyone down", "that I would be ordinary",
)
PROTECTS = (
    "from feeling ashamed", "from being humiliated", "from being left out", "from the disappointment",
    "from feeling small", "from being criticised by others first", "from being abandoned",
    "from the panic", "from being seen as weak", "from the old sadness", "from being blamed",
    "from getting my hopes up", "from feeling helpless again",
)
NEEDS = (
    "to see that I can cope", "to know I'll still work hard", "for me to listen to it sometimes",
    "to know I won't forget the things that matter", "some evidence that I'm safe now",
    "for me to check in with it before big decisions", "to rest, it's exhausted",
    "to hear that it did a good job back then", "to know it won't be thrown out",
    "for me to keep my promises to myself", "to trust that other people can help",
)
FEELINGS = (
    "calmer", "a bit lighter", "sad", "tired", "softer", "strange", "relieved", "tearful", "curious",
    "still annoyed", "quieter inside", "hopeful", "wobbly", "warm", "a little embarrassed", "peaceful",
)
KIND_PEOPLE = (
    "my grandmother", "my old teacher Mrs Hale", "my best friend from school", "my dog, honestly",
    "my aunt Ruth", "my partner", "my first manager", "my therapist from years ago", "my neighbour",
    "my big sister", "my grandad", "a friend from the climbing club",
)

_CRITIC_WORDS = (
    lambda r: f"You're so {r.choice(NEG_ADJ)}. Everyone {r.choice(CONTEXTS)} could see it.",
    lambda r: f"You {r.choice(FAILURES)} again. What is wrong with you?",
    lambda r: f"You'll never be {r.choice(POS_ADJ)} {COMMON_WORD}. Stop pretending.",
    lambda r: f"Why can't you just get {r.choice(DETAILS)} done like a normal person?",
    lambda r: f"Nobody {r.choice(CONTEXTS)} actually likes you. They're being polite.",
    lambda r: f"Look at you. {r.choice(PEOPLE).capitalize()} must think you're {r.choice(NEG_ADJ)}.",
    lambda r: f"It's not {COMMON_WORD}. It's never {COMMON_WORD}. You should have done {r.choice(DETAILS)} properly.",
    lambda r: f"Of course you {r.choice(FAILURES)}. You always do. {r.choice(NEG_ADJ).capitalize()}.",
    lambda r: f"Who do you think you are? You're not {r.choice(POS_ADJ)}, you just got lucky with {r.choice(DETAILS)}.",
    lambda r: f"Everyone else has it together and you can't even manage {r.choice(DETAILS)}.",
    lambda r: f"You're wasting your life. {r.choice(PEOPLE).capitalize()} was right about you.",
    lambda r: f"Don't bother. You'll only mess up {r.choice(DETAILS)} like last time.",
    lambda r: f"You should be ashamed of how you acted {r.choice(CONTEXTS)}.",
    lambda r: f"Try harder. Then try harder again. Rest is for people who have earned it.",
    lambda r: f"You are {r.choice(NEG_ADJ)} and {r.choice(NEG_ADJ)} and everyone knows it.",
)
_BODY = (
    lambda r: f"{r.choice(SENSATIONS).capitalize()} in {r.choice(BODY)}.",
    lambda r: f"Mostly in {r.choice(BODY)}, {r.choice(SENSATIONS)}. Also {r.choice(BODY)} a bit.",
    lambda r: f"I notice it in {r.choice(BODY)}. It gets worse when I think about {r.choice(DETAILS)}.",
    lambda r: f"Hard to say. Maybe {r.choice(SENSATIONS)} somewhere around {r.choice(BODY)}.",
    lambda r: f"{r.choice(BODY).capitalize()} goes tight, like before {r.choice(DETAILS)}.",
)
_FLESH = (
    lambda r: f"{r.choice(TONES).capitalize()}. It seems {r.choice(AGES)}. I picture {r.choice(IMAGES)}.",
    lambda r: f"Like {r.choice(IMAGES)}. The voice is {r.choice(TONES)} and a bit {r.choice(TONES)}.",
    lambda r: f"It sounds {r.choice(TONES)}, a lot like {r.choice(PEOPLE)} used to sound.",
    lambda r: f"I see {r.choice(IMAGES)} standing over {r.choice(DETAILS)}, {r.choice(TONES)}.",
    lambda r: f"{r.choice(AGES).capitalize()}, I think. {r.choice(TONES).capitalize()} voice.",
)
_BEFRIEND = (
    lambda r: f"It says {r.choice(SINCE)}.",
    lambda r: f"{r.choice(SINCE).capitalize()}, I think. Maybe longer.",
    lambda r: f"A long time. It has been there {r.choice(SINCE)}, back when {r.choice(PEOPLE)} was always angry.",
    lambda r: f"It shows me a picture of me {r.choice(CONTEXTS)}, years ago. So {r.choice(SINCE)}.",
)
_WANTS = (
    lambda r: f"Honestly, {r.choice(WANTS)}.",
    lambda r: f"I think {r.choice(WANTS)}. And {r.choice(WANTS)}.",
    lambda r: f"Underneath it all {r.choice(WANTS)}, even if the way it says it hurts.",
    lambda r: f"{r.choice(WANTS).capitalize()} and to never be caught out {r.choice(CONTEXTS)} again.",
)
_SEEN = (
    lambda r: f"It went quiet. Then it said it's tired.",
    lambda r: f"It doesn't believe me at first. Then it softens a bit.",
    lambda r: f"It says nobody ever noticed before. I feel {r.choice(FEELINGS)}.",
    lambda r: f"It says it still has to keep going, there is {r.choice(DETAILS)} to worry about.",
    lambda r: f"It seems surprised. Something in {r.choice(BODY)} relaxed.",
    lambda r: f"It says it's done {COMMON_WORD} for now. That surprised me.",
)
_FEARS = (
    lambda r: f"It's afraid {r.choice(FEARS)}.",
    lambda r: f"{r.choice(FEARS).capitalize()}. And {r.choice(FEARS)}.",
    lambda r: f"If it stopped, it thinks {r.choice(FEARS)[5:]}.",
    lambda r: f"That I'd never be good {COMMON_WORD} and {r.choice(FEARS)[5:]}.",
)
_PROTECTS = (
    lambda r: f"{r.choice(PROTECTS).capitalize()}.",
    lambda r: f"{r.choice(PROTECTS).capitalize()}, like {r.choice(CONTEXTS)}.",
    lambda r: f"It says {r.choice(PROTECTS)} and {r.choice(PROTECTS)}.",
)
_APPRECIATE = (
    lambda r: f"It works so hard. It got me through {r.choice(DETAILS)}.",
    lambda r: f"It never gives up on me, even {r.choice(CONTEXTS)}.",
    lambda r: f"I appreciate that it cares. Maybe {r.choice(WANTS)}.",
    lambda r: f"It kept me safe when {r.choice(PEOPLE)} was unpredictable.",
    lambda r: f"Not much yet. Maybe its energy.",
)
_TRUST = (
    lambda r: f"It needs {r.choice(NEEDS)}.",
    lambda r: f"Maybe {r.choice(NEEDS)}, and {r.choice(NEEDS)}.",
    lambda r: f"I think it needs {r.choice(NEEDS)} before {r.choice(DETAILS)}.",
    lambda r: f"To know that I am grown up {COMMON_WORD} to handle {r.choice(DETAILS)}.",
)
_COMPASSION = (
    lambda r: f"That's not true. You did your best {r.choice(CONTEXTS)}, and that is {COMMON_WORD}.",
    lambda r: f"You are not {r.choice(NEG_ADJ)}. You're tired and you've been carrying a lot.",
    lambda r: f"Anyone would struggle with {r.choice(DETAILS)}. Be gentle with yourself.",
    lambda r: f"I'd hug them and say: you matter more than {r.choice(DETAILS)}.",
    lambda r: f"You {r.choice(FAILURES)}, so what. It doesn't make you {r.choice(NEG_ADJ)}.",
    lambda r: f"I'd tell them {r.choice(PEOPLE)} loves them as they are.",
)
_UNBLEND = (
    lambda r: f"It stepped back a little. I feel {r.choice(FEELINGS)}.",
    lambda r: f"Not really. It's still there, arms folded.",
    lambda r: f"It says it will wait in the next room.",
    lambda r: f"It's angry about {r.choice(DETAILS)}, but it moved back a bit.",
    lambda r: f"Some space. {r.choice(SENSATIONS).capitalize()} in {r.choice(BODY)} eased.",
)
_OTHER = (
    lambda r: f"It's sick of being pushed around {r.choice(CONTEXTS)}.",
    lambda r: f"It wants me to fight back for once.",
    lambda r: f"That it's scared {r.choice(FEARS)[5:]}.",
    lambda r: f"It's exhausted by all the noise about {r.choice(DETAILS)}.",
)
_SOMEONE = (lambda r: f"{r.choice(KIND_PEOPLE).capitalize()}.", lambda r: f"{r.choice(KIND_PEOPLE).capitalize()}, I think.")
_SEE = (
    lambda r: f"Someone trying really hard {r.choice(CONTEXTS)}.",
    lambda r: f"A person who is tired and doing {COMMON_WORD}.",
    lambda r: f"They see me carrying {r.choice(DETAILS)} and {r.choice(DETAILS)} at once.",
    lambda r: f"They'd see I'm {r.choice(FEELINGS)} and that I care a lot.",
)
_GENERIC = (
    lambda r: f"I think it comes from {r.choice(PEOPLE)}, {r.choice(SINCE)}.",
    lambda r: f"It feels {r.choice(FEELINGS)}. Hard to put into words.",
    lambda r: f"Something about {r.choice(DETAILS)} and how I acted {r.choice(CONTEXTS)}.",
    lambda r: f"I'd like to believe I am {COMMON_WORD} as I am.",
    lambda r: f"That it's alright to be {r.choice(FEELINGS)} sometimes.",
    lambda r: f"A small thing: finish {r.choice(DETAILS)} and then rest.",
    lambda r: f"I already did the hard part {r.choice(CONTEXTS)}.",
    lambda r: f"It felt {r.choice(FEELINGS)}. Unfamiliar, like it wasn't meant for me.",
    lambda r: f"Kindness feels risky, like I'd stop caring about {r.choice(DETAILS)}.",
    lambda r: f"Being {r.choice(POS_ADJ)} all the time costs me sleep.",
)
_BY_ROLE = {
    "critic_words": _CRITIC_WORDS, "body": _BODY, "fears": _FEARS, "protects_from": _PROTECTS,
    "needs": _TRUST, "compassion": _COMPASSION,
}
_BY_STEP = {
    "flesh_out": _FLESH, "befriend": _BEFRIEND, "befriend_wants": _WANTS, "befriend_seen": _SEEN,
    "appreciate": _APPRECIATE, "unblend": _UNBLEND, "other_part": _OTHER, "other_part_worry": _OTHER,
    "someone": _SOMEONE, "they_see": _SEE,
}
_EXTRA = (
    lambda r: f" Especially {r.choice(CONTEXTS)}.",
    lambda r: f" I keep thinking about {r.choice(DETAILS)}.",
    lambda r: f" Writing this I feel {r.choice(FEELINGS)}.",
    lambda r: f" {r.choice(PEOPLE).capitalize()} would say the same.",
    lambda r: " I don't know.",
)
_CHECKIN_NOTES = (
    lambda r: f"Long day {r.choice(CONTEXTS)}.",
    lambda r: f"Critic loud about {r.choice(DETAILS)}.",
    lambda r: f"Felt {r.choice(FEELINGS)} after talking to {r.choice(PEOPLE)}.",
    lambda r: f"Slept badly. {r.choice(DETAILS).capitalize()} on my mind.",
    lambda r: f"Good walk, felt {r.choice(FEELINGS)}.",
    lambda r: f"Did {COMMON_WORD} today. Stopping there.",
    lambda r: f"The voice said I {r.choice(FAILURES)}. Noticed it, didn't argue.",
)


def _text_answer(r: random.Random, step_id: str, role: str | None) -> str:
    bank = _BY_ROLE.get(role or "") or _BY_STEP.get(step_id) or _GENERIC
    text = r.choice(bank)(r)
    if r.random() < 0.35:
        text += r.choice(_EXTRA)(r)
    return text


# --------------------------------------------------------------------------- flows


@dataclass(frozen=True)
class StepInfo:
    id: str
    kind: str
    prompt: str
    role: str | None
    choices: tuple[tuple[str, str, bool], ...]  # (id, label, reactive)
    branches: tuple[tuple[tuple[str, ...], str], ...]  # (when_choice, goto)
    next: str | None
    max_visits: int | None
    on_exhausted: str | None


def load_flows() -> dict[str, list[StepInfo]]:
    from innercritic.resources import data_path

    directory = data_path("flows")
    flows: dict[str, list[StepInfo]] = {}
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".toml"):
            continue
        with open(os.path.join(directory, name), "rb") as handle:
            data = tomllib.load(handle)
        steps = []
        for raw in data["steps"]:
            steps.append(StepInfo(
                id=raw["id"], kind=raw["kind"], prompt=raw["prompt"], role=raw.get("role"),
                choices=tuple((c["id"], c["label"], bool(c.get("reactive"))) for c in raw.get("choices", ())),
                branches=tuple(
                    (tuple(b.get("when_choice", ())), b["goto"]) for b in raw.get("branches", ())
                    if "when_choice" in b
                ),
                next=raw.get("next"), max_visits=raw.get("max_visits"), on_exhausted=raw.get("on_exhausted"),
            ))
        flows[data["id"]] = steps
    return flows


_TEMPLATE = re.compile(r"\{([a-z0-9_]+)\|([^}]*)\}")


@dataclass
class Walk:
    flow_id: str
    status: str
    turns: list[tuple]  # (step_id, role, prompt, answer, value_json, skipped)
    before: int | None
    after: int | None
    part_name: str | None


def walk(r: random.Random, flow_id: str, steps: list[StepInfo], reactive_p: float) -> Walk:
    """One dialogue through a flow, following next/branches/max_visits like the engine does."""
    index = {s.id: i for i, s in enumerate(steps)}
    visits: dict[str, int] = {}
    answers: dict[str, str] = {}
    turns: list[tuple] = []
    before = after = None
    part_name = None
    # A stopped dialogue ends at a random point; an unfinished one likewise.
    fate = r.random()
    status = "completed" if fate < 0.93 else ("stopped" if fate < 0.99 else "in_progress")
    stop_after = r.randint(2, 14) if status != "completed" else None
    base_level = r.randint(3, 10)
    current: str | None = steps[0].id
    while current is not None and current != "end":
        step = steps[index[current]]
        visits[step.id] = visits.get(step.id, 0) + 1
        prompt = _TEMPLATE.sub(lambda m: answers.get(m.group(1)) or m.group(2), step.prompt)
        answer = value = None
        skipped = False
        target = None
        if step.kind == "text":
            if step.role == "part_name":
                if r.random() < 0.55:
                    part_name = r.choice(PARTS)[0]
                    answer = part_name
                else:
                    skipped = True
            elif step.role != "critic_words" and r.random() < 0.04:
                skipped = True
            else:
                answer = _text_answer(r, step.id, step.role)
            value = answer
        elif step.kind in ("choice", "multi"):
            if step.id == "feel_toward":
                reactive = [c for c in step.choices if c[2]]
                calm = [c for c in step.choices if not c[2]]
                chosen = [r.choice(reactive if r.random() < reactive_p else calm)]
            elif step.id in ("unblend_stuck", "ground_after"):
                chosen = [r.choices(step.choices, weights=(6, 3, 1)[: len(step.choices)])[0]]
            else:
                chosen = r.sample(step.choices, 1 if step.kind == "choice" else r.randint(1, min(3, len(step.choices))))
            if step.kind == "choice":
                value, answer = chosen[0][0], chosen[0][1]
            else:
                value, answer = [c[0] for c in chosen], ", ".join(c[1] for c in chosen)
            ids = {c[0] for c in chosen}
            target = next((goto for when, goto in step.branches if ids & set(when)), None)
        elif step.kind == "scale":
            if step.role == "loudness_after":
                value = max(0, min(10, (before if before is not None else base_level) - r.randint(-1, 5)))
                after = value
            else:
                value = base_level
                before = value
            answer = str(value)
        # info / breathe: acknowledged, no answer
        if answer is not None:
            answers[step.id] = answer
        turns.append((
            step.id, step.role, prompt, answer,
            None if value is None else json.dumps(value, ensure_ascii=False), int(skipped),
        ))
        if stop_after is not None and len(turns) >= stop_after:
            break
        if target is None:
            if step.next:
                target = step.next
            else:
                following = index[step.id] + 1
                target = steps[following].id if following < len(steps) else "end"
        # entering a step that has had all its visits goes to its on_exhausted
        tried: set[str] = set()
        while target != "end" and target not in tried:
            candidate = steps[index[target]]
            if candidate.max_visits is None or visits.get(target, 0) < candidate.max_visits:
                break
            tried.add(target)
            target = candidate.on_exhausted or "end"
        else:
            target = "end" if target in tried else target
        current = target
    if status == "completed" and current is not None and current != "end":
        status = "stopped"
    return Walk(flow_id, status, turns, before, after, part_name)


# --------------------------------------------------------------------------- writing


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds")


def _uid(r: random.Random) -> str:
    return f"{r.getrandbits(128):032x}"


def plan_walks(r: random.Random, flows: dict[str, list[StepInfo]], dialogues: int, turns: int) -> list[Walk]:
    """Walks whose turns add up to exactly `turns`: sample, then swap walks for better-fitting ones."""
    names = [name for name in FLOW_WEIGHTS if name in flows] or list(flows)
    weights = [FLOW_WEIGHTS.get(name, 0.05) for name in names]
    reactive_p = 0.6  # how often the first feeling toward the critic is a reactive one

    def sample() -> Walk:
        name = r.choices(names, weights=weights)[0]
        return walk(r, name, flows[name], reactive_p)

    walks = [sample() for _ in range(dialogues)]
    # The flows average fewer turns than the workload asks for, so the swaps below
    # favour the longer walks: critic dialogues with rounds of unblending.
    diff = turns - sum(len(w.turns) for w in walks)
    guard = 0
    while diff != 0:
        guard += 1
        if guard > 2_000_000:
            raise RuntimeError(f"could not fit {turns} turns into {dialogues} dialogues (off by {diff})")
        i = r.randrange(dialogues)
        candidate = sample()
        change = len(candidate.turns) - len(walks[i].turns)
        # same status, so the share of stopped and unfinished dialogues is kept
        if candidate.status == walks[i].status and abs(diff - change) < abs(diff):
            walks[i] = candidate
            diff -= change
    return walks


def generate(
    db_path: str, jrnl_path: str | None = None, *, dialogues: int = DIALOGUES, turns: int = TURNS,
    checkins: int = CHECKINS, seed: int = SEED, rare_word: str | None = RARE_WORD, quiet: bool = False,
) -> dict:
    started = time.perf_counter()
    from innercritic.store.journal import Journal

    r = random.Random(seed)
    flows = load_flows()
    walks = plan_walks(r, flows, dialogues, turns)

    # Exactly one answer gets the rare word: a text answer of a completed critic dialogue.
    for w in (walks[dialogues // 3:] if rare_word else ()):
        texts = [k for k, t in enumerate(w.turns) if t[3] and t[0] in ("fears", "appreciate", "befriend_wants")]
        if texts:
            k = texts[0]
            step_id, role, prompt, answer, _value, skipped = w.turns[k]
            answer = answer.rstrip(".") + f", like the {rare_word} figures on Grandma's Christmas cake."
            w.turns[k] = (step_id, role, prompt, answer, json.dumps(answer, ensure_ascii=False), skipped)
            break

    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db_path + suffix):
            os.remove(db_path + suffix)
    Journal(db_path).close()  # the product creates the schema, FTS tables and triggers

    end = datetime.now(timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0) - timedelta(days=1)
    start = end - timedelta(days=365 * YEARS)
    span = (end - start).total_seconds()
    # Times for every entry, in order; each entry is a dialogue or a check-in.
    kinds = ["dialogue"] * dialogues + ["checkin"] * checkins
    r.shuffle(kinds)
    offsets = sorted(r.random() * span for _ in kinds)

    part_rows = []
    part_ids = {}
    for i, (name, description) in enumerate(PARTS, start=1):
        part_rows.append((i, _uid(r), name, " ".join(name.split()).casefold(), description, _iso(start)))
        part_ids[name] = i

    entry_rows, dialogue_rows, turn_rows, checkin_rows = [], [], [], []
    jrnl_entries: list[str] = []
    walk_iter = iter(walks)
    turn_id = 0
    for entry_id, (kind, offset) in enumerate(zip(kinds, offsets), start=1):
        at = start + timedelta(seconds=offset)
        if kind == "checkin":
            part = r.choice(PARTS)[0] if r.random() < 0.15 else None
            entry_rows.append((entry_id, _uid(r), "checkin", _iso(at), part_ids.get(part)))
            note = r.choice(_CHECKIN_NOTES)(r) if r.random() < 0.7 else None
            checkin_rows.append((entry_id, r.randint(1, 5), r.randint(0, 10), note))
            continue
        w = next(walk_iter)
        entry_rows.append((entry_id, _uid(r), "dialogue", _iso(at), part_ids.get(w.part_name)))
        moment = at
        body: list[str] = []
        title = None
        for position, (step_id, role, prompt, answer, value, skipped) in enumerate(w.turns):
            moment += timedelta(seconds=r.randint(8, 150))
            turn_id += 1
            turn_rows.append((turn_id, entry_id, position, step_id, role, prompt, answer, value, skipped, _iso(moment)))
            if answer and role == "critic_words" and title is None:
                title = answer
            elif answer and role not in ("loudness_before", "loudness_after"):
                body.append(answer)
        ended = _iso(moment + timedelta(seconds=5)) if w.status != "in_progress" else None
        dialogue_rows.append((entry_id, w.flow_id, w.status, ended, w.before, w.after))
        if jrnl_path:
            loud = ""
            if w.before is not None or w.after is not None:
                loud = f"Critic loudness {'?' if w.before is None else w.before} -> {'?' if w.after is None else w.after}."
            heading = title or f"{w.flow_id.replace('-', ' ').capitalize()} dialogue."
            text = "\n\n".join(([loud] if loud else []) + body)
            jrnl_entries.append(f"[{at.strftime('%Y-%m-%d %H:%M')}] {heading}\n{text}\n".replace("\n\n\n", "\n\n"))

    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("INSERT INTO part (id, uid, name, name_key, description, created_at) VALUES (?,?,?,?,?,?)", part_rows)
        conn.executemany("INSERT INTO entry (id, uid, kind, at, part_id) VALUES (?,?,?,?,?)", entry_rows)
        conn.executemany(
            "INSERT INTO dialogue (entry_id, flow_id, status, ended_at, critic_before, critic_after)"
            " VALUES (?,?,?,?,?,?)", dialogue_rows,
        )
        conn.executemany(
            "INSERT INTO turn (id, dialogue_id, position, step_id, role, prompt, answer, value, skipped, at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?)", turn_rows,
        )
        conn.executemany("INSERT INTO checkin (entry_id, mood, critic, note) VALUES (?,?,?,?)", checkin_rows)
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        rare_hits = conn.execute(
            "SELECT count(*) FROM turn_fts WHERE turn_fts MATCH ?", (f'"{rare_word or RARE_WORD}"',)).fetchone()[0]
        common_turns = conn.execute(
            "SELECT count(*) FROM turn_fts WHERE turn_fts MATCH ?", (f'"{COMMON_WORD}"',)).fetchone()[0]
        common_entries = conn.execute(
            "SELECT count(*) FROM (SELECT t.dialogue_id FROM turn_fts JOIN turn t ON t.id = turn_fts.rowid"
            " WHERE turn_fts MATCH ?1 UNION SELECT rowid FROM note_fts WHERE note_fts MATCH ?1)",
            (f'"{COMMON_WORD}"',)).fetchone()[0]
        counts = {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("entry", "dialogue", "turn", "checkin", "part")
        }
    finally:
        conn.close()
    os.chmod(db_path, 0o600)

    if jrnl_path:
        tmp = jrnl_path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write("\n".join(jrnl_entries))
        os.replace(tmp, jrnl_path)

    stats = {
        **counts, "rare_word": rare_word, "rare_answers": rare_hits, "common_word": COMMON_WORD,
        "common_answers": common_turns, "common_entries": common_entries,
        "db_mib": round(os.path.getsize(db_path) / 2**20, 1),
        "jrnl_entries": len(jrnl_entries) if jrnl_path else None,
        "jrnl_mib": round(os.path.getsize(jrnl_path) / 2**20, 1) if jrnl_path else None,
        "seconds": round(time.perf_counter() - started, 1),
    }
    if rare_word and rare_hits != 1:
        raise RuntimeError(f"expected the rare word in exactly one answer, found {rare_hits}")
    if not quiet:
        print("generated: " + ", ".join(f"{k}={v}" for k, v in stats.items()), file=sys.stderr)
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="innercritic journal to (re)create")
    parser.add_argument("--jrnl", help="also write the equivalent jrnl text journal here")
    parser.add_argument("--dialogues", type=int, default=DIALOGUES)
    parser.add_argument("--turns", type=int, default=TURNS)
    parser.add_argument("--checkins", type=int, default=CHECKINS)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    generate(args.db, args.jrnl, dialogues=args.dialogues, turns=args.turns, checkins=args.checkins, seed=args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
