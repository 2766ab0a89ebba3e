import Notebook
print("shallow")
