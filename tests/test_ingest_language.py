"""Language detection: script profiles, then function-word profiles (data files)."""
from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import DataFileError
from eventwire.ingest import read_inputs
from eventwire.ingest.language import LANGUAGE_DIR, detect_language, load_profiles

# Short news sentences written for these tests, one per language.
SAMPLES = {
    "en": "The foreign minister said on Tuesday that the special envoy would travel to "
          "Pyongyang to brief officials on the outcome of the party congress.",
    "es": "El ministro de Asuntos Exteriores dijo el martes que el enviado especial viajará "
          "a Pyongyang para informar sobre los resultados del congreso del partido.",
    "pt": "O ministro das Relações Exteriores disse nesta terça-feira que o enviado especial "
          "vai viajar para Pyongyang para informar sobre o congresso do partido.",
    "fr": "Le ministre des Affaires étrangères a déclaré mardi que l'envoyé spécial se rendra "
          "à Pyongyang pour informer les responsables sur les résultats du congrès.",
    "de": "Der Außenminister sagte am Dienstag, dass der Sondergesandte nach Pjöngjang reisen "
          "wird, um über die Ergebnisse des Parteitags zu berichten.",
    "it": "Il ministro degli Esteri ha detto martedì che l'inviato speciale si recherà a "
          "Pyongyang per informare i funzionari sui risultati del congresso del partito.",
    "ru": "Министр иностранных дел заявил во вторник, что специальный посланник отправится "
          "в Пхеньян, чтобы рассказать об итогах съезда партии.",
    "ar": "قال وزير الخارجية يوم الثلاثاء إن المبعوث الخاص سيسافر إلى بيونغ يانغ لإطلاع "
          "المسؤولين على نتائج مؤتمر الحزب.",
    "zh": "外交部发言人星期二表示，特使将前往平壤，向朝方通报中共第十九次全国代表大会的情况。",
    "ja": "外務省の報道官は火曜日、特使が平壌を訪問し、党大会の結果について説明すると述べた。",
    "ko": "외교부 대변인은 화요일 특사가 평양을 방문해 당 대회 결과를 설명할 것이라고 밝혔다.",
}


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_detects_each_supported_language(lang):
    code, confidence = detect_language(SAMPLES[lang])
    assert code == lang
    assert confidence >= 0.5


def test_english_with_a_few_foreign_characters_stays_english():
    text = SAMPLES["en"] + " The envoy, Wang Yi (王毅), met Chung Eui-yong (정의용) in Seoul."
    assert detect_language(text)[0] == "en"


@pytest.mark.parametrize("text", ["", "12:30 — 2017", "Kim Jong Un"])
def test_too_little_text_is_undetermined(text):
    code, confidence = detect_language(text)
    assert code == "und" or confidence < 0.3


def test_names_only_gives_low_confidence():
    assert detect_language("Kim Jong Un, Xi Jinping, Moon Jae-in, Donald Trump, Song Tao, "
                           "Choe Ryong Hae, Ri Su Yong")[1] < 0.3


def test_non_english_documents_are_kept_and_marked(tmp_path):
    (tmp_path / "es.txt").write_text(SAMPLES["es"] + "\n\n" + SAMPLES["es"].replace("martes", "lunes"))
    (tmp_path / "en.txt").write_text(SAMPLES["en"])
    docs = {Path(d.path).name: d for d in read_inputs([tmp_path])}
    assert docs["es.txt"].language == "es"
    assert docs["en.txt"].language == "en"


def test_declared_language_in_a_text_header_is_trusted(tmp_path):
    (tmp_path / "a.txt").write_text("Language: pt\n\n" + SAMPLES["es"])
    assert next(read_inputs([tmp_path / "a.txt"])).language == "pt"


def test_bundled_profiles_cover_the_required_languages():
    profiles = load_profiles(LANGUAGE_DIR)
    script_langs = {s.language for s in profiles.owners}
    assert {"ru", "ar", "zh", "ja", "ko"} <= script_langs
    assert {"en", "es", "fr", "de", "pt", "it"} <= set(profiles.stopwords)


def _profile_dir(tmp_path, stopwords: str, scripts: str | None = None) -> Path:
    (tmp_path / "stopwords.yaml").write_text(stopwords)
    (tmp_path / "scripts.yaml").write_text(scripts or (LANGUAGE_DIR / "scripts.yaml").read_text())
    return tmp_path


@pytest.mark.parametrize("stopwords,message,line", [
    ("en: [the, of]\nxx1: [a]\n", "bad language code", 2),
    ("en: [the, of]\nes: [el, El]\n", "bad word", 2),
    ("en: [the, of, the]\n", "duplicate words", 1),
    ("en: [the, on]\n", "bad word True", 1),  # YAML reads an unquoted on as a boolean
])
def test_bad_stopword_entries_name_file_and_line(tmp_path, stopwords, message, line):
    with pytest.raises(DataFileError, match=message) as err:
        load_profiles(_profile_dir(tmp_path, stopwords))
    assert err.value.line == line and "stopwords.yaml" in err.value.path


def test_bad_script_range_names_file_and_line(tmp_path):
    scripts = "scripts:\n  - script: latin\n    ranges: [\"0041-005A\"]\n    language: null\n" \
              "  - script: odd\n    ranges: [\"ZZZZ-0001\"]\n    language: xx\n"
    with pytest.raises(DataFileError, match="bad code point range") as err:
        load_profiles(_profile_dir(tmp_path, "en: [the]\n", scripts))
    assert err.value.line == 5
