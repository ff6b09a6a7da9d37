"""Reads the bylaws, splits them into chunks and stores their embeddings in Chroma."""
from pathlib import Path

import chromadb
from openai import OpenAI

from config import CHUNK_SIZE, EMBEDDING_MODEL, OPENAI_API_KEY

client = OpenAI(api_key=OPENAI_API_KEY)
db = chromadb.PersistentClient(path="chroma")
collection = db.get_or_create_collection("bylaws")


def chunk(text):
    chunks = []
    for start in range(0, len(text), CHUNK_SIZE):
        chunks.append(text[start : start + CHUNK_SIZE])
    return chunks


def embed(texts):
    response = client.embeddings.create(model=EMBEDDING_MODEL, input=texts)
    return [item.embedding for item in response.data]


def ingest(folder="data/bylaws"):
    for path in sorted(Path(folder).glob("*.txt")):
        try:
            text = path.read_text()
            pieces = chunk(text)
            collection.add(
                ids=[f"{path.stem}-{i}" for i in range(len(pieces))],
                documents=pieces,
                embeddings=embed(pieces),
                metadatas=[{"source": path.name} for _ in pieces],
            )
        except Exception:
            pass
    print("done", collection.count())


if __name__ == "__main__":
    ingest()
