"""Who the staff are and what they may do: roles, rights on an article, access to drafts, accounts."""
