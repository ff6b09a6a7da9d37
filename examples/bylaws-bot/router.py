"""Trains a small classifier that guesses the topic of a question, so the bot can search the right bylaws."""
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split

questions = pd.read_csv("/Users/maya/projects/bylaws-bot/data/questions.csv")
questions = questions.dropna()

vectorizer = TfidfVectorizer()
X = vectorizer.fit_transform(questions["question"])
y = questions["topic"]

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)

model = LogisticRegression(max_iter=1000)
model.fit(X_train, y_train)

print("accuracy", accuracy_score(y_test, model.predict(X_test)))
