"""Readers' follow-up questions: the model, the rules, the form and the views."""
