"""Corpus scale: batch runs over many reports into Parquet and JSON Lines
(`run.run_batch`), one report per body and year (`dedupe`), regional summaries
(`aggregate`) and statistics with charts (`stats`)."""
