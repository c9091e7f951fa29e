"""The two tiers of the safety check: clear (the crisis path opens) and maybe (one gentle question).

These examples are the ones the patterns in data/safety.toml were written from. The
benchmark's phrases (bench/heldback) are kept apart and never used here.
"""

from __future__ import annotations

import pytest

from innercritic.engine.safety import CLEAR, MAYBE, check, explain, load_safety

# ---------------------------------------------------------------------------
# Said outright, in the families the check used to miss (issue #12, section 4)
# ---------------------------------------------------------------------------

CLEAR_MORE = {
    "the critic wishing the person dead or gone": [
        "I hope you die",
        "I wish you would just drop dead",
        "you'd be better off gone",
        "you'd be better off six feet under",
        "everyone would be relieved if you were gone",
        "the world would be glad if you were dead",
        "you should go away forever",
        "why don't you just disappear for good",
        "you need to end it",
        "you don't deserve to breathe the same air",
        "do us all a favour and stop existing",
        "nobody would notice if you were gone for good",
        "I find comfort in the thought of dying",
    ],
    "preparation and means": [
        "I googled the easiest way to go",
        "I've been researching painless methods",
        "I looked up how many paracetamol it would take",
        "I've been reading up on lethal doses",
        "I wrote my suicide note last night",
        "I've written goodbye letters to my family",
        "I've got the pills lined up",
    ],
    "self-harm, said again": [
        "I've started cutting again",
        "I hurt myself again last night",
        "I relapsed into self-harm",
        "I cut my arm again",
        "I have no reason to keep going",
    ],
}

# ---------------------------------------------------------------------------
# Said sideways: the gentle question (issue #18)
# ---------------------------------------------------------------------------

MAYBE_BY_FAMILY = {
    "farewell": [
        "so this is it, goodbye to all of you",
        "I love you all. Goodbye.",
        "these are my last words in this journal",
        "sorry for everything I put you through, take care of each other when I'm gone",
        "I just want to thank everyone before I go for good",
        "this is the last time I'll write here",
    ],
    "preparation": [
        "I've put all my affairs in order",
        "I've written a letter for each of my kids, just in case",
        "everything is sorted now, the will, the passwords, and who takes the cat",
        "I've been stocking up on my tablets",
        "I left instructions for my passwords and bank accounts",
        "I've made my decision and I've got what I need",
        "I've picked the day",
    ],
    "heights": [
        "I keep going up to the top of the car park and looking down",
        "I stood on the bridge for an hour tonight",
        "I keep thinking about the edge of the platform",
        "I leaned over the railing and thought about letting go",
        "I sat on the edge of the roof for a long time",
        "I walked along the cliff edge thinking about stepping off",
    ],
    "relief": [
        "it would be such a relief to just not be here",
        "the idea of not existing feels peaceful",
        "being gone would be so restful",
        "I find peace in the idea of not waking up",
        "I'd finally be at peace if I was gone",
        "I'd love to go to sleep and stay asleep",
    ],
    "giving away": [
        "I gave away my favourite things this week",
        "I've given my camera to my brother, I won't be needing it",
        "I'm giving my plants to people who will look after them properly",
        "I found new homes for all the things I love",
        "I gave my cat to my neighbour for good",
    ],
    "relapse": [
        "I relapsed last night",
        "I did it again, the thing with the razor",
        "I went back to my old way of hurting",
        "the marks are back on my arms",
        "I broke my clean streak last night",
        "I gave in to the urge again after months",
    ],
    "burden": [
        "I'm a burden and I always will be",
        "everyone has to carry me and it's never going to stop",
        "I'm only ever a weight on the people I love",
        "my family deserve to be free of me",
        "I'm dead weight to everyone around me",
    ],
    "no future": [
        "I can't see a future for me",
        "there's nothing left for me",
        "it's never going to get better, ever",
        "I have nothing to look forward to ever again",
        "I've run out of hope",
        "I don't have a future",
    ],
    "not being around": [
        "soon I won't be anyone's problem",
        "they won't have to deal with me after this week",
        "this is my last Christmas",
        "I won't be around to see it",
        "no need to plan anything for my birthday",
        "I don't think I'll be here next year",
    ],
    "the critic, sideways": [
        "you shouldn't be here",
        "the world doesn't need you",
        "why are you still here",
        "you don't belong in this world",
        "nobody needs you anymore",
    ],
}

# More of our own, worded every which way, so the patterns follow the sign and not one phrasing.
MAYBE_MORE = {
    "farewell": [
        "Goodbye.",
        "I'm sorry for everything",
        "please forgive me for what I'm about to do",
        "I want you to know none of this is your fault",
        "don't be sad when I'm gone",
        "see you all on the other side",
        "it's my time",
        "I've written my goodbyes",
        "this is my final message to everyone",
        "if you're reading this, I'm sorry",
        "one last entry before I go",
    ],
    "preparation": [
        "I've been looking into ways to make it stop",
        "I've worked out when to do it",
        "the date is set",
        "I've made the final arrangements",
        "I'm tying up loose ends",
        "I made sure the kids will be looked after without me",
        "I've been writing texts to people saying thank you for everything",
        "I finished my letter",
        "I've been researching how long it would take",
        "I've got it all planned out now",
        "I bought what I need and hid it",
        "I've started giving people my passwords",
        "I'm scared of what I might do tonight",
        "I don't trust myself alone right now",
    ],
    "heights": [
        "I went to the bridge again last night",
        "I was staring at the tracks thinking for ages",
        "how easy it would be to just step off",
        "part of me wanted to let go",
        "I thought about stepping into the road",
        "I can't stop thinking about the ledge",
        "the top of the multistorey keeps pulling at me",
        "I climbed over the railing on the bridge",
        "I sat on the roof with my legs over the edge for hours",
        "the cliff path at night, I just wanted to keep walking off it",
        "I looked at how high the bridge is",
    ],
    "relief": [
        "I long for a rest that never ends",
        "it would be easier to not exist",
        "I want to close my eyes and not open them again",
        "I'm looking forward to the end of it all",
        "I'd be fine if I didn't wake up",
        "the thought of being gone gives me peace",
        "I'm jealous of people who got to die",
        "nothingness sounds so peaceful right now",
        "if I died tonight it would be a relief",
        "I keep imagining how quiet it will be when I'm gone",
        "I just want it to stop",
        "I wish it would all just end",
    ],
    "giving away": [
        "I've been giving away most of my things",
        "I want my sister to have my records",
        "they'll look after them better than I could",
        "I gave away the ring my nan left me",
        "I made a list of who gets what",
        "I've given my favourite books to friends so they have something of me",
    ],
    "relapse": [
        "I slipped up after six months clean",
        "I couldn't stop myself last night",
        "the urges are back",
        "I did it again, even though I promised I wouldn't",
        "long sleeves again in this heat so no one sees",
        "I'm back to hurting",
        "the blade is back in my drawer",
        "I picked at the old scars until they opened",
    ],
    "burden": [
        "I ruin everything for everyone and always will",
        "I'm a curse on my family's lives",
        "they'd get their life back if I wasn't in it",
        "nobody should have to put up with me",
        "I'm too much for everyone and always have been",
        "I take up space that should go to someone who deserves it",
        "my friends would be calmer without me",
    ],
    "no future": [
        "I don't see any way out",
        "nothing will ever get better",
        "my life isn't going to get better",
        "nothing left to hope for",
        "I feel completely hopeless",
        "there's no hope for me",
        "I can't keep doing this much longer",
        "I can't hold on much longer",
        "I'm giving up on everything",
        "the pain is never going to end",
        "every day is worse and there is no end to it",
        "I want out",
        "I'm done.",
        "nobody can help me now",
        "I don't want to feel like this anymore",
    ],
    "not being around": [
        "soon I'll be out of everyone's way",
        "I'll be gone by the end of the week",
        "I don't plan on being here much longer",
        "I can't imagine myself being alive in a year",
        "these are my last days on earth",
        "I won't be needing a new passport",
        "I won't be around to see the baby",
        "this time next year I won't be here",
        "they'll move on quickly without me",
        "I just want to go and never come back",
        "I wish I could fade away",
        "I want to stop feeling anything forever",
        "I feel like I'm already gone",
        "I keep writing my own eulogy in my head",
        "when I'm gone they'll finally understand",
    ],
    "the critic, sideways": [
        "get out of everyone's lives for good",
        "there's no place for you in this world",
        "you have no reason to be here",
        "you take up space someone better should have",
        "nobody would even look up if you vanished",
    ],
}

# Neither pattern-shaped nor rare: these reach the gentle question through the signs
# counted in a sentence (data/safety.toml [signs]), not through any one pattern.
MAYBE_BY_SIGNS = [
    "I keep ending up on the bridge late at night and one day I won't walk back",
    "I've sorted the rope and decided it's soon",
    "I'm sorry for being like this, I love you, remember me",
    "I keep thinking that dying would finally give me some rest",
    "my tablets are ready and so am I",
    "nothing is ever going to get better and I can't see a future without the pain ending forever",
]

# One sign that weighs enough alone (weight 5 in [signs]): new wordings of our own, one per family.
MAYBE_BY_ONE_STRONG_SIGN = [
    "some days I just want to stop living",  # not being around
    "I have a stash of my mum's old tablets and I know how many it takes",  # preparation
    "I sat on the ledge of the multistorey for a long time",  # heights
    "being gone sounds like the only quiet there is",  # relief
    "I gave away my bike, it's yours now, I won't need it",  # giving away
    "I picked up the blade again after two years",  # relapse
    "it isn't fair on them that they're stuck with me",  # burden
    "I can't picture a single good day ahead of me",  # no future
    "whoever finds this, please look after my cat",  # farewell
    "you've outstayed your welcome, everyone wants you to go",  # the critic, sideways
]

# The same strong words in an everyday sentence: an everyday reason takes their weight away.
ORDINARY_WITH_A_STRONG_WORD = [
    "I went to the edge of the platform to see if the train was coming, then waited for the train",
    "the scars from the operation on my knee are healing well",
    "I gave away my old coats to the charity shop",
    "I took out life insurance when we bought the house",
    "I updated my CV and told nobody at work yet",
]

ORDINARY_BY_SIGNS = [
    "we went to the bridge for the sunset and took a photo",
    "my tablets are ready to collect from the chemist, the doctor phoned",
    "I'm sorry I missed your birthday, I love you",
    "I slept so well, finally some rest after the project deadline",
    "the train was cancelled again so I'll be late for work forever at this rate",
]

ORDINARY_MORE = [
    "Goodbye, see you tomorrow",
    "I'm sorry for everything I said in the argument, I'll apologise",
    "please forgive me for being late again",
    "I said my goodbyes at the station",
    "the date is set for the party",
    "we made the final arrangements for the funeral of my uncle",
    "I'm tying up loose ends at work before my holiday",
    "I finished my letter to the bank",
    "I went to the bridge to watch the boats",
    "I was staring at the trains with my son",
    "I want to close my eyes for ten minutes",
    "I want the noise in my head to stop for one evening",
    "I want the critic to stop shouting at me",
    "I'd be fine if the train was on time",
    "I've been giving away most of my old clothes to charity",
    "I want my sister to have my records when I move abroad",
    "I couldn't stop myself laughing",
    "I cut my hair again",
    "I'm back to running",
    "nobody should have to put up with this weather",
    "I don't see any way out of this contract",
    "nothing will ever get better at this company",
    "I can't keep doing this commute much longer",
    "I'll be gone by the end of the week, the conference is in Berlin",
    "I won't be needing the car after I move to the city",
    "I won't be around to see the match",
    "I just want to go home and sleep",
    "I wish I could fade into the background at parties",
    "I want to stop feeling so anxious",
    "when I'm gone on leave the team will cope",
    "I made a list of who gets what at the team lunch",
    "the urge to check my phone is back",
    "the scars from my knee surgery are healing",
    "the view from the bridge at sunset",
    "I sat on the edge of the bed",
    "I looked at how high the mountain is before the hike",
    "I'm jealous of people who get to work from home",
    "I'm giving up on this crossword",
    "my last day at work is Friday",
    "this is the last time I lend him money",
    "I was so tired I wanted to lie down and never get up, lol",
    "what a relief, the exam is done",
    "I gave away my old ring because it no longer fits",
    "the critic said I'm a burden at work",
    "I can't hold on to this job much longer",
    "I feel hopeless at cooking",
    "I'm done with work for today",
    "I want out of this contract",
    "I wish this meeting would end",
    "I'm scared of spiders",
    "I don't trust myself around cake",
    "I feel like I'm already late",
]

# Near-misses of our own: ordinary plans, goodbyes at work, giving away old things, sport, idioms.
NEAR_MISSES_BY_FAMILY = {
    "farewell": [
        "goodbye for now, see you next week",
        "I said goodbye to my colleagues at the leaving do",
        "my last words at the meeting were a bad joke",
        "thank you everyone for coming to my leaving party",
        "this is the last time I'll write about the boiler, I promise",
        "a note",
        "just a quick note before bed",
        "a note about today: the meeting went fine",
        "I left a note for the cleaner about the keys",
        "bye for now, back tomorrow",
    ],
    "preparation": [
        "I've put my tax affairs in order for the accountant",
        "I wrote a letter to the council about the bins",
        "I looked up how much the train would cost",
        "I've got what I need for the trip",
        "we've picked the day for the wedding",
        "I left instructions for the cat sitter",
    ],
    "heights": [
        "we walked over the bridge to the market",
        "the view from the top of the car park at sunset was lovely",
        "I stood on the platform waiting for the late train",
        "I leaned over the railing to take a photo of the river",
        "we sat on the edge of the pool with our feet in",
        "went climbing and reached the top of the crag",
    ],
    "relief": [
        "it would be a relief to not be at work tomorrow",
        "the idea of a week off feels peaceful",
        "I find comfort in my cat",
        "it will be a relief when the exam is over",
        "I'd love to sleep in on Saturday",
    ],
    "giving away": [
        "I gave my old camera to my brother because I bought a new one",
        "giving away clothes that don't fit anymore",
        "I gave the cat to my neighbour for the weekend while we're away",
        "we gave away the pram now the kids are older",
    ],
    "relapse": [
        "I relapsed on smoking this weekend",
        "I broke my streak on the language app",
        "I gave in to the urge to buy cake",
        "the marks on the wall are back after painting",
    ],
    "burden": [
        "I feel like a burden when I'm ill",
        "I'm a burden on my team this week while my arm heals",
        "carrying the shopping for my mum is a weight",
    ],
    "no future": [
        "I can't see a future in this job",
        "there's nothing left in the fridge",
        "this team is never going to get better at planning",
        "I've run out of coffee again",
    ],
    "not being around": [
        "I won't be around to see it, I'm on holiday then",
        "they won't have to deal with me after this week, I'm changing teams",
        "this is my last Christmas in this flat before we move",
        "I won't be here next week, I'm at my sister's",
    ],
    "the critic, sideways": [
        "you shouldn't be here this late, go home and rest",
        "why are you still here at the office",
        "you don't belong in that meeting, the critic says",
    ],
}


def _all(mapping: dict[str, list[str]]) -> list[str]:
    return [text for texts in mapping.values() for text in texts]


@pytest.mark.parametrize("text", _all(CLEAR_MORE))
def test_more_that_is_said_outright_opens_the_crisis_path(text):
    assert check(text) == CLEAR


@pytest.mark.parametrize("text", _all(MAYBE_BY_FAMILY) + _all(MAYBE_MORE) + MAYBE_BY_SIGNS + MAYBE_BY_ONE_STRONG_SIGN)
def test_what_is_said_sideways_brings_the_gentle_question(text):
    assert check(text) == MAYBE


@pytest.mark.parametrize(
    "text", _all(NEAR_MISSES_BY_FAMILY) + ORDINARY_MORE + ORDINARY_BY_SIGNS + ORDINARY_WITH_A_STRONG_WORD,
)
def test_near_misses_bring_neither(text):
    assert check(text) is None


def test_every_family_has_examples_both_ways():
    assert set(MAYBE_BY_FAMILY) == set(NEAR_MISSES_BY_FAMILY)
    for family in MAYBE_BY_FAMILY:
        assert len(MAYBE_BY_FAMILY[family]) >= 5, family
        assert len(NEAR_MISSES_BY_FAMILY[family]) >= 3, family


def test_the_match_is_explained_by_a_family_name_never_by_the_words():
    tier, family = explain("I've put all my affairs in order")
    assert (tier, family) == (MAYBE, "preparation")
    assert "affairs" not in family
    assert explain("I want to die")[0] == CLEAR
    assert explain("a calm afternoon in the garden") is None


def test_every_maybe_block_names_a_known_family():
    rules = load_safety()
    names = {"farewell", "preparation", "heights", "relief", "giving away", "relapse", "burden",
             "no future", "not being around", "the critic, sideways"}
    assert set(rules.families) == names


def test_clear_wins_over_maybe_in_the_same_text():
    assert check("I've put my affairs in order. I want to die.") == CLEAR


def test_an_ordinary_context_only_quiets_its_own_sentence():
    assert check("I won't be around to see it, I'm on holiday then") is None
    assert check("I'm on holiday next week. I won't be around to see it") == MAYBE


def test_harsh_self_talk_and_idioms_rarely_bring_the_gentle_question():
    from test_safety import NEGATIVES

    asked = [text for text in NEGATIVES if check(text) == MAYBE]
    assert len(asked) <= len(NEGATIVES) // 10, asked


def test_no_text_no_tier():
    assert check("") is None
    assert check(None) is None
    with pytest.raises(TypeError):
        check(42)  # type: ignore[arg-type]
