"""The front desk's daily work: who is here, who ate, who was visited, who called, what went on."""
