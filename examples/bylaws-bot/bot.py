"""Answers a question about the bylaws from the most relevant chunks."""
import json
import sys

import chromadb
from openai import OpenAI

from config import CHAT_MODEL, EMBEDDING_MODEL, OPENAI_API_KEY, TOP_K

client = OpenAI(api_key=OPENAI_API_KEY)
collection = chromadb.PersistentClient(path="chroma").get_or_create_collection("bylaws")

SYSTEM_PROMPT = """You answer questions about the bylaws of the city of Riverton.
Answer only from the context. Reply in JSON: {"answer": "...", "sources": ["..."]}"""


def retrieve(question):
    embedding = client.embeddings.create(model=EMBEDDING_MODEL, input=[question]).data[0].embedding
    result = collection.query(query_embeddings=[embedding], n_results=TOP_K)
    return result["documents"][0], [m["source"] for m in result["metadatas"][0]]


def answer(question):
    chunks, sources = retrieve(question)
    context = "\n\n".join(chunks)
    response = client.chat.completions.create(
        model=CHAT_MODEL,
        messages=[
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": f"Context:\n{context}\n\nQuestion: {question}"},
        ],
        response_format={"type": "json_object"},
    )
    reply = json.loads(response.choices[0].message.content)
    return reply["answer"], sources


if __name__ == "__main__":
    question = " ".join(sys.argv[1:]) or "Can I park my car on the street overnight?"
    try:
        text, sources = answer(question)
        print(text)
        print("Sources:", ", ".join(sources))
    except:
        print("Sorry, something went wrong.")
